// @vitest-environment happy-dom
import "../../test/dom";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/client";
import type { Indicator } from "../../api/types";
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

function setup(onSubmit = vi.fn().mockResolvedValue(undefined)) {
  const uploadFile = vi.fn().mockResolvedValue({
    id: "f1",
    filename: "照片.png",
    contentType: "image/png",
    size: 3,
    orgId: "o1",
    createdAt: "2025-01-01T00:00:00Z",
  });
  render(<ProgressForm indicators={[indicator]} defaultPeriod="2024-05" onSubmit={onSubmit} uploadFile={uploadFile} />);
  return { onSubmit, uploadFile };
}

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
    submit();
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({ status: "done", percent: 100, actuals: [] });
  });

  it("a blocked report needs a reason", async () => {
    const { onSubmit } = setup();
    fireEvent.click(screen.getByText("受阻"));
    submit();
    expect(await screen.findByText("受阻时请说明原因")).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("refuses a malformed period in Chinese", async () => {
    const { onSubmit } = setup();
    fireEvent.change(screen.getByLabelText("填报周期"), { target: { value: "五月" } });
    submit();
    expect(await screen.findByText(/填报周期格式应为/)).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("shows the server's message when the report is refused", async () => {
    setup(vi.fn().mockRejectedValue(new ApiError(403, "NOT_ASSIGNED", "该任务未分派给您的单位")));
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
    submit();
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.calls[0]![0].fileIds).toEqual(["f1"]);
  });
});
