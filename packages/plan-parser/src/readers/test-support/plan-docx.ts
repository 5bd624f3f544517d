import {
  AlignmentType,
  Document,
  Footer,
  Header,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
} from "docx";

/** Fixture text in the genre of a county bureau work plan (written for these tests). */
export const TITLE = "临川县教育和体育局2025年工作要点";
export const MANUAL_TASK =
  "2.推进课后服务提质扩面。丰富托管内容，做到学段全覆盖。（责任单位：基教股、各学校）（6月底前完成）";

const numbering = {
  config: [
    {
      reference: "plan",
      levels: [
        { level: 0, format: LevelFormat.CHINESE_COUNTING, text: "%1、", alignment: AlignmentType.LEFT },
        { level: 1, format: LevelFormat.DECIMAL, text: "%2.", alignment: AlignmentType.LEFT },
        { level: 2, format: LevelFormat.DECIMAL, text: "（%3）", alignment: AlignmentType.LEFT },
      ],
    },
  ],
};

const cell = (text: string, extra: Partial<ConstructorParameters<typeof TableCell>[0]> = {}) =>
  new TableCell({ children: [new Paragraph(text)], ...extra });

/** A task table whose category cells are merged down two rows, with a heading row spanning all columns. */
function taskTable(): Table {
  return new Table({
    width: { size: 9000, type: WidthType.DXA },
    columnWidths: [1500, 3500, 2000, 2000],
    rows: [
      new TableRow({ children: [cell("类别"), cell("工作任务"), cell("责任单位"), cell("完成时限")] }),
      new TableRow({
        children: [
          cell("教育质量", { verticalMerge: VerticalMergeType.RESTART }),
          cell("开展县域教研视导"),
          cell("教研室"),
          cell("4月底前"),
        ],
      }),
      new TableRow({
        children: [
          cell("", { verticalMerge: VerticalMergeType.CONTINUE }),
          cell("组织学业质量监测"),
          cell("教研室、基教股"),
          cell("年底前"),
        ],
      }),
      new TableRow({ children: [cell("以上任务纳入年度考核", { columnSpan: 4 })] }),
    ],
  });
}

const numbered = (text: string, level: number) => new Paragraph({ text, numbering: { reference: "plan", level } });

/** A small plan: auto-numbered headings and tasks, a hand-numbered task, and a merged task table. */
export async function planDocx(): Promise<Uint8Array> {
  const doc = new Document({
    numbering,
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun(TITLE)], alignment: AlignmentType.CENTER }),
          numbered("全面加强党的建设", 0),
          numbered("深化党建品牌创建。（责任单位：办公室）", 1),
          new Paragraph(MANUAL_TASK),
          numbered("办好人民满意教育", 0),
          numbered("扩大优质学前资源。（责任单位：基教股）", 1),
          numbered("新建公办幼儿园2所", 2),
          numbered("改善乡镇学校寄宿条件。（9月底前完成）", 1),
          taskTable(),
          new Paragraph({
            children: [new TextRun("以上事项由局办公室统筹调度。"), new TextRun({ break: 1, text: "联系人：王老师" })],
          }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const ACTIONS = ["推进课后服务提质", "开展教师全员培训", "完善学生资助体系", "加强校园安全管理", "深化体教融合发展"];
const UNITS = ["基教股、各学校", "人事股、教师发展中心", "资助中心", "安全股、各学校", "体卫艺股"];

/** Long task paragraphs that wrap over several lines and pages. */
export function longTasks(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const action = ACTIONS[i % ACTIONS.length];
    return (
      `${i + 1}.${action}第${i + 1}项工作。各学校要对照年度目标细化措施，明确时间节点和责任人员，每月报送进展情况，` +
      `确保按期完成并形成可推广的经验做法，教研室要加强跟踪指导和过程督查。（责任单位：${UNITS[i % UNITS.length]}）（${(i % 12) + 1}月底前完成）`
    );
  });
}

/** The long tasks under a title, with a running header and "- N -" page numbers in the footer. */
export async function longPlanDocx(tasks: string[]): Promise<Uint8Array> {
  const doc = new Document({
    sections: [
      {
        headers: {
          default: new Header({
            children: [new Paragraph({ text: "临川县教育和体育局", alignment: AlignmentType.CENTER })],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ["- ", PageNumber.CURRENT, " -"] })],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({ children: [new TextRun({ text: TITLE, size: 36 })], alignment: AlignmentType.CENTER }),
          new Paragraph("一、重点任务"),
          ...tasks.map((t) => new Paragraph({ text: t, alignment: AlignmentType.JUSTIFIED })),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
