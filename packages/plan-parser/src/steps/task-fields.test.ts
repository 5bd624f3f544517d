import { describe, expect, it } from "vitest";
import { normalizeLine } from "./normalize.js";
import { calendarFromTitle } from "./plan-calendar.js";
import { readTaskFields } from "./task-fields.js";

const cal = calendarFromTitle("某县教育局2025年工作要点")!;
const read = (line: string, rest: string[] = []) => readTaskFields(normalizeLine(line), rest.map(normalizeLine), cal);

describe("readTaskFields", () => {
  it("a schedule printed with the units stays in the body, in its brackets, and is read as a deadline", () => {
    const f = read("推进课改。建成示范课50节。（责任科室：思政科、基教科；完成时限：2025年6月）");
    expect(f.units).toEqual(["思政科", "基教科"]);
    expect(f.body).toBe(normalizeLine("推进课改。建成示范课50节。（完成时限：2025年6月）"));
    expect(f.deadlines).toEqual([{ text: "2025年6月", date: "2025-06-30", kind: "by" }]);
  });

  it("a bracket the line leaves unclosed gives the schedule back as it stands", () => {
    const f = read("推进课改。建成示范课50节。（责任科室：思政科；完成时限：6月");
    expect(f.body).toBe(normalizeLine("推进课改。建成示范课50节。完成时限：6月"));
    expect(f.deadlines.map((d) => d.date)).toEqual(["2025-06-30"]);
  });

  it("a unit label standing as a sentence goes with its full stop", () => {
    const f = read("扩大学位供给。新增学位3600个。责任单位：学前科。10月底前完成。");
    expect(f.units).toEqual(["学前科"]);
    expect(f.body).toBe("扩大学位供给。新增学位3600个。10月底前完成。");
    expect(f.deadlines.map((d) => d.date)).toEqual(["2025-10-31"]);
  });

  it("a plain unit bracket leaves the body as it was without it", () => {
    const f = read("开展培训。全年培训教师500人次。（责任单位：人事科、教师发展中心）");
    expect(f.body).toBe("开展培训。全年培训教师500人次。");
    expect(f.units).toEqual(["人事科", "教师发展中心"]);
  });
});
