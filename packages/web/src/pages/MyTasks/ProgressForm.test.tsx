// @vitest-environment happy-dom
import "../../test/dom";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/client";
import type { Indicator, ReportRules, TaskPeriods } from "../../api/types";
import { ProgressForm } from "./ProgressForm";

const indicator: Indicator = {
  id: "ind1",
  taskId: "t1",
  taskNo: "3",
  subject: "学前三年毛入园率",
  text: "学前三年毛入园率达到93%以上",
  op: ">=",
  baseline: null,
  targetValue: 93,
  targetMin: null,
  targetMax: null,
  unit: "%",
  actual: null,
  period: null,
  attained: null,
};

const periods = (rules: ReportRules = { narrative: "always", evidence: "never" }): TaskPeriods => ({
  cadence: "monthly",
  current: "2024-05",
  periods: [
    { period: "2024-05", label: "2024年5月", reported: false },
    { period: "2024-04", label: "2024年4月", reported: true },
  ],
  rules,
});

function setup(
  onSubmit = vi.fn().mockResolvedValue(undefined),
  rules?: ReportRules,
  uploadFile = vi.fn().mockResolvedValue({
    id: "f1",
    filename: "照片.png",
    contentType: "image/png",
    size: 3,
    orgId: "o1",
    createdAt: "2025-01-01T00:00:00Z",
  }),
) {
  render(
    <ProgressForm indicators={[indicator]} periods={periods(rules)} onSubmit={onSubmit} uploadFile={uploadFile} />,
  );
  return { onSubmit, uploadFile };
}

const say = (text: string) => fireEvent.change(screen.getByLabelText("进展情况"), { target: { value: text } });

const submit = () => fireEvent.click(screen.getByRole("button", { name: /提\s*交/ }));

describe("ProgressForm", () => {
  it("submits status, percent, narrative and the indicator's actual", async () => {
    const { onSubmit } = setup();
    fireEvent.click(screen.getByText("推进中"));
    fireEvent.change(screen.getByLabelText("完成比例"), { target: { value: "60" } });
    fireEvent.change(screen.getByLabelText("进展情况"), { target: { value: "已完成摸底" } });
    fireEvent.change(screen.getByLabelText("学前三年毛入园率"), { target: { value: "91.5" } });
    submit();
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.calls[0]![0]).toEqual({
      period: "2024-05",
      status: "in_progress",
      percent: 60,
      narrative: "已完成摸底",
      actuals: [{ indicatorId: "ind1", value: 91.5 }],
      fileIds: [],
    });
  });

  it("choosing 已完成 sets the percent to 100", async () => {
    const { onSubmit } = setup();
    fireEvent.click(screen.getByText("已完成"));
    say("全部完成");
    submit();
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({ status: "done", percent: 100, actuals: [] });
  });

  it("a plan asking for words only when blocked still needs a blocked report's reason", async () => {
    const { onSubmit } = setup(undefined, { narrative: "when_blocked", evidence: "never" });
    fireEvent.click(screen.getByText("受阻"));
    submit();
    expect(await screen.findByText("受阻时请说明原因")).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("refuses the untouched form: the plan asks for words", async () => {
    const { onSubmit } = setup();
    submit();
    expect(await screen.findByText("请填写进展情况")).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("offers the due periods only, each marked 已报 or 未报, the current one chosen", async () => {
    const { onSubmit } = setup();
    expect(screen.queryByRole("textbox", { name: "填报周期" })).toBeNull();
    say("推进中");
    submit();
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.calls[0]![0].period).toBe("2024-05");
  });

  it("a plan asking for evidence when done refuses a done report without it", async () => {
    const { onSubmit } = setup(undefined, { narrative: "always", evidence: "when_done" });
    fireEvent.click(screen.getByText("已完成"));
    say("全部完成");
    submit();
    expect((await screen.findByRole("alert")).textContent).toContain("须上传佐证材料");
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("a refused file says why", async () => {
    const refuse = vi
      .fn()
      .mockRejectedValue(new ApiError(400, "FILE_TYPE_NOT_ALLOWED", "“setup.exe”的内容是可执行程序"));
    setup(undefined, undefined, refuse);
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(["MZ"], "setup.exe")] } });
    expect((await screen.findByTestId("file-refused")).textContent).toContain("可执行程序");
  });

  it("shows the server's message when the report is refused", async () => {
    setup(vi.fn().mockRejectedValue(new ApiError(403, "NOT_ASSIGNED", "该任务未分派给您的单位")));
    say("推进中");
    submit();
    expect((await screen.findByRole("alert")).textContent).toContain("该任务未分派给您的单位");
  });

  it("uploads evidence and sends its file id", async () => {
    const { onSubmit, uploadFile } = setup();
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    const file = new File(["png"], "照片.png", { type: "image/png" });
    fireEvent.change(input, { target: { files: [file] } });
    await vi.waitFor(() => expect(uploadFile).toHaveBeenCalled());
    expect(await screen.findByText("照片.png")).toBeTruthy();
    say("已上传照片");
    submit();
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.calls[0]![0].fileIds).toEqual(["f1"]);
  });
});
