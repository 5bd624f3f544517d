import { AlignmentType, Document, Packer, Paragraph, TextRun } from "docx";
import ExcelJS from "exceljs";

/** A county bureau's work plan, written for these tests: title, 一、 sections, numbered tasks with units and deadlines. */
export const PLAN_LINES = [
  "青溪县教育和体育局2026年工作要点",
  "2026年，全县教育体育工作围绕办好人民满意教育的目标，重点抓好以下工作。",
  "一、加强党的建设",
  "1.深化清廉学校建设。完善中小学校党组织领导的校长负责制，年内创建党建示范校3所。（责任单位：党建办、各中小学）（6月底前完成）",
  "2.抓实意识形态工作。每季度开展一次专题研判，落实讲座论坛审批管理。（责任单位：办公室）",
  "二、推动基础教育优质均衡",
  "3.扩大普惠性学前教育资源。新建公办幼儿园2所，新增学位540个，普惠性幼儿园覆盖率达到92%以上。（责任单位：基础教育股、计划财务股）（8月底前完成）",
  "4.推进义务教育集团化办学。组建城乡教育共同体4个，实现乡镇中心校全覆盖。（责任单位：基础教育股）（9月底前）",
  "5.落实“双减”工作。课后服务参与率保持在95%以上，开展校外培训专项检查不少于4次。（责任单位：基础教育股、校外培训监管股）（12月底前完成）",
  "三、建设高素质教师队伍",
  "6.实施教师培训提升工程。组织全员培训，教师人均培训不少于72学时。（责任单位：人事股、教师发展中心）（11月底前完成）",
  "7.推进县管校聘改革。完成城区学校教师交流轮岗120人。（责任单位：人事股）（8月底前）",
  "四、做强体育和校园安全",
  "8.举办全县中小学生运动会。（责任单位：体育股）（10月底前完成）",
  "9.开展校园安全隐患排查。每月排查一次，整改率达到100%。（责任单位：安全稳定股、各中小学）",
];

/** The plan as a Word document, typed the way offices type it (numbers in the text, title centred, SimSun). */
export async function legacyPlanDocx(): Promise<Uint8Array> {
  const doc = new Document({
    sections: [
      {
        children: PLAN_LINES.map(
          (text, i) =>
            new Paragraph({
              children: [new TextRun({ text, font: "SimSun", size: i === 0 ? 36 : 24 })],
              ...(i === 0 ? { alignment: AlignmentType.CENTER } : {}),
            }),
        ),
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

export const TABLE_TITLE = "青溪县教育和体育局2026年重点工作任务分解表";

/** A task decomposition table: category merged down its rows, dates as dates, a percentage target. */
export const TABLE_ROWS: (string | Date)[][] = [
  ["类别", "序号", "工作任务", "责任单位", "完成时限"],
  ["教育质量", "1", "开展县域教研视导，覆盖全部中小学", "教研室", "4月底前"],
  ["教育质量", "2", "组织义务教育学业质量监测", "教研室、基础教育股", new Date(Date.UTC(2026, 10, 30))],
  ["教师队伍", "3", "完成新教师岗前培训，培训合格率达到100%", "人事股、教师发展中心", "8月底前"],
  ["教师队伍", "4", "评选县级骨干教师60名", "人事股", new Date(Date.UTC(2026, 8, 10))],
  ["校园安全", "5", "开展防溺水专题教育不少于2次", "安全稳定股、各中小学", "7月底前"],
];

/** The table plan as an xlsx workbook with the category cells merged (as offices lay them out). */
export async function legacyTableXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("任务分解");
  sheet.addRow([TABLE_TITLE]);
  sheet.mergeCells("A1:E1");
  TABLE_ROWS.forEach((row, i) => {
    const merged = i > 1 && row[0] === TABLE_ROWS[i - 1]?.[0];
    const deadline = sheet.addRow(merged ? [null, ...row.slice(1)] : row).getCell(5);
    if (deadline.value instanceof Date) deadline.numFmt = "yyyy-mm-dd";
  });
  // Rows 3-4, 5-6 and 7 of the sheet hold the three categories.
  sheet.mergeCells("A3:A4");
  sheet.mergeCells("A5:A6");
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
