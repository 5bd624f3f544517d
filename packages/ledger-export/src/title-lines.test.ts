import { describe, expect, it } from "vitest";
import { displayWidth, titleLines, titleWords } from "./title-lines.js";

describe("titleLines", () => {
  it("keeps a title that fits on one line", () => {
    expect(titleLines("青山县教育和体育局督办通知单")).toEqual(["青山县教育和体育局督办通知单"]);
  });

  it("breaks between words, never inside one, into lines of even length", () => {
    const title = "青山县教育和体育局关于2026年第一季度工作任务落实情况的通报";
    const lines = titleLines(title);
    expect(lines.join("")).toBe(title);
    expect(lines).toEqual(["青山县教育和体育局关于2026年", "第一季度工作任务落实情况的通报"]);
    const words = titleWords(title);
    // Every break falls on a word boundary.
    const ends = (parts: string[]) => parts.map((_, i) => parts.slice(0, i + 1).join("").length);
    const boundaries = new Set(ends(words));
    for (const end of ends(lines).slice(0, -1)) expect(boundaries.has(end)).toBe(true);
  });

  it("keeps a number with its unit and punctuation with the word before it", () => {
    expect(titleWords("关于2026年11月工作的通报")).toEqual(["关于", "2026年", "11月", "工作", "的", "通报"]);
    expect(titleWords("关于表彰、奖励的决定").some((w) => w.startsWith("、"))).toBe(false);
  });

  it("each line fits the width; a long title takes three lines", () => {
    const title = "关于进一步加强中小学校园安全隐患排查整治工作和学生心理健康教育工作以及校外培训机构规范管理的通知";
    const lines = titleLines(title);
    expect(lines.length).toBe(3);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(20);
    const widths = lines.map(displayWidth);
    expect(Math.max(...widths) - Math.min(...widths)).toBeLessThanOrEqual(4);
  });

  it("counts Latin letters and digits as half a character", () => {
    expect(displayWidth("2026年")).toBe(3);
    expect(displayWidth("ABC")).toBe(1.5);
  });
});
