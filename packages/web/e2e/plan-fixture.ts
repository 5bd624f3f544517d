import { PNG } from "pngjs";

export const UNMAPPED_UNIT = "青山县阅读推广中心";
export const MAP_TO = "电化教育馆";
export const CORRECTED_TITLE = "开展书香校园全员阅读活动";

/** A short plan in the genre, with one unit no org or alias knows. */
export const planText = (year: number) => `青山县教育和体育局${year}年书香校园建设工作方案
为深入推进全民阅读，建设书香校园，结合我县实际，制定本方案。
一、营造书香校园氛围
1.开展全民阅读活动。各学校每学期组织读书活动不少于2次，学生人均阅读量达到12本以上。（责任单位：基教股、各学校）（6月底前完成）
2.建设班级图书角。新建班级图书角300个。（责任单位：计财股、${UNMAPPED_UNIT}）（9月底前完成）
二、加强阅读指导
3.开展阅读指导教师培训。培训教师不少于500人次。（责任单位：教研室、各中小学）（11月底前完成）
4.组织读书征文评选。全县征文参与率达到80%以上。（责任单位：教研室、各学校）（年底前）
`;

/** A small real PNG for the evidence upload: a red square on white. */
export function evidencePng(): Buffer {
  const png = new PNG({ width: 16, height: 16 });
  for (let y = 0; y < 16; y++) {
    for (let x = 0; x < 16; x++) {
      const i = (y * 16 + x) * 4;
      const inside = x > 3 && x < 12 && y > 3 && y < 12;
      png.data[i] = 255;
      png.data[i + 1] = inside ? 0 : 255;
      png.data[i + 2] = inside ? 0 : 255;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}
