import { describe, expect, it } from "vitest";
import { ledgerToMarkdown } from "./markdown.js";
import { doc } from "./test-support/fixtures.js";

describe("ledgerToMarkdown", () => {
  const text = ledgerToMarkdown(doc);

  it("summarises each plan with year and counts of tasks, units, deadlines and targets", () => {
    expect(text).toContain(
      "# 2024年全市教育和体育工作要点\n\n- 年度：2024\n- 任务数：3\n- 责任单位：6\n- 完成时限：3\n- 量化指标：4",
    );
    expect(text).toContain("- 年度：未注明");
  });

  it("groups tasks into a table per section, lead and co units apart", () => {
    expect(text).toContain("## 一、加快推动教育高质量发展 / （一）教育资源供给行动");
    expect(text).toContain("| 序号 | 重点任务 | 责任单位 | 完成时限 | 量化指标 |");
    expect(text).toContain(
      "| 1 | 加快推进基础设施建设 | 牵头：基建装备科<br>配合：教研中心、基教科、各基层学校 | 6月底前完成（2024-06-30） | 学前三年毛入园率 ≥ 94.5% |",
    );
    expect(text).toContain("| 3 | 开展校园安全隐患排查 | 未注明 |  | 近视率 下降0.5% |");
  });

  it("says so for a plan without tasks and keeps pipes from breaking rows", () => {
    expect(text).toContain("（本计划未识别出任务）");
    const piped = ledgerToMarkdown({
      plans: [{ title: "计划", year: 2024, tasks: [{ ...doc.plans[0]!.tasks[0]!, title: "a|b" }] }],
    });
    expect(piped).toContain("a\\|b");
    expect(ledgerToMarkdown({ plans: [] })).toBe("（未识别出计划）\n");
  });
});
