import { describe, expect, it } from "vitest";
import { addDays, prefill, shanghaiToday } from "./notice-prefill";

const target = { taskId: "t", taskNo: "3", taskTitle: "推进课后服务", orgId: "o", orgName: "实验小学" };

describe("notice prefill", () => {
  it("an overdue warning: its reasons, the urgent requirement and three days to answer", () => {
    const p = prefill(
      {
        ...target,
        status: "overdue",
        reasons: ["past_due", "missing_report:2026-10"],
        dueDate: "2026-11-30",
        progress: 40,
      },
      "2026-12-05",
    );
    expect(p.reason).toBe("“3 推进课后服务”逾期：已过完成时限，2026-10 上期未填报，完成时限2026-11-30，当前进度40%。");
    expect(p.requirement).toContain("逾期原因");
    expect(p.replyDue).toBe("2026-12-08");
  });

  it("an indicator's warning names the indicator", () => {
    const p = prefill(
      { ...target, status: "warning", reasons: ["not_attained"], subject: "指标“课后服务覆盖率”" },
      "2026-12-05",
    );
    expect(p.reason).toBe("“3 推进课后服务”的指标“课后服务覆盖率”预警：指标未达标。");
  });

  it("a yellow warning gets five days, no warning seven; dates cross month and year ends", () => {
    expect(prefill({ ...target, status: "warning", reasons: ["due_soon"] }, "2026-12-29").replyDue).toBe("2027-01-03");
    const plain = prefill(target, "2026-02-25");
    expect(plain.replyDue).toBe("2026-03-04");
    expect(plain.reason).toBe("“3 推进课后服务”需督促落实。");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
  });

  it("today is the bureau's day (Asia/Shanghai), not the browser's", () => {
    expect(shanghaiToday(new Date("2026-12-04T16:30:00Z"))).toBe("2026-12-05");
  });
});
