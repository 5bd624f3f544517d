// @vitest-environment happy-dom
import "../../test/dom";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/client";
import { PlacementForm } from "./PlacementForm";

const schools = [{ id: "s1", name: "城关第一中学" }];

function setup(onSubmit = vi.fn().mockResolvedValue(undefined)) {
  render(<PlacementForm schools={schools} onSubmit={onSubmit} />);
  return { onSubmit };
}

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const choose = (wrapper: string, file: File) =>
  fireEvent.change(document.querySelector(`#${wrapper} input[type="file"]`) as HTMLInputElement, {
    target: { files: [file] },
  });
const submit = () => fireEvent.click(screen.getByRole("button", { name: /承诺并生成摇号前公告/ }));
const roster = new File(["学号,姓名,性别,语文\n"], "名单.csv", { type: "text/csv" });

function fillValid() {
  type("编班名称", "2025级七年级均衡编班");
  type("班级数", "4");
  type("摇号安排", "8月20日9时由家长代表现场书写");
  choose("placement-roster", roster);
}

describe("PlacementForm", () => {
  it("sends the published inputs with the chosen roster and teacher files", async () => {
    const { onSubmit } = setup();
    fillValid();
    type("班额", "12，12，12，11");
    const teachers = new File(["姓名\n张老师\n"], "班主任.csv");
    choose("placement-teachers", teachers);
    expect(await screen.findByText("名单.csv")).toBeTruthy();
    submit();
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalled());
    const [input] = onSubmit.mock.calls[0]!;
    expect(input).toMatchObject({
      name: "2025级七年级均衡编班",
      classCount: 4,
      capacities: "12，12，12，11",
      drawPlan: "8月20日9时由家长代表现场书写",
    });
    expect(input).not.toHaveProperty("draw");
    expect(input.roster.name).toBe("名单.csv");
    expect(input.teachers.name).toBe("班主任.csv");
    expect(input.schoolId).toBeUndefined();
  });

  it("asks for the roster file before sending anything; the draw comes later, after the commitment", async () => {
    const { onSubmit } = setup();
    type("编班名称", "编班");
    type("班级数", "4");
    submit();
    expect(await screen.findByText("请选择学生名单文件")).toBeTruthy();
    expect(screen.queryByLabelText("公开摇号号码")).toBeNull();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("refuses a capacity list whose length is not the class count", async () => {
    const { onSubmit } = setup();
    fillValid();
    type("班额", "45,45,45");
    submit();
    expect(await screen.findByText("逐班填写时应填 4 个班额")).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("lists every row problem the server names", async () => {
    const refused = new ApiError(
      422,
      "PLACEMENT_INPUT_INVALID",
      "学生名单或编班参数有 2 处问题，请按行修改后重新上传",
      {
        issues: [
          { code: "ID_DUPLICATE", row: 3, message: "学号重复", text: "第 3 行：学号重复" },
          { code: "GENDER_INVALID", row: 4, message: "性别无法识别", text: "第 4 行：性别无法识别" },
        ],
      },
    );
    setup(vi.fn().mockRejectedValue(refused));
    fillValid();
    submit();
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("有 2 处问题");
    expect(alert.textContent).toContain("第 3 行：学号重复");
    expect(alert.textContent).toContain("第 4 行：性别无法识别");
  });

  it("shows upload progress, then the committing step", async () => {
    let finish: () => void = () => {};
    const onSubmit = vi.fn((_input: unknown, onProgress: (p: number) => void) => {
      onProgress(100);
      return new Promise<void>((resolve) => {
        finish = resolve;
      });
    });
    setup(onSubmit);
    fillValid();
    submit();
    expect((await screen.findByRole("status")).textContent).toContain("正在固定名单");
    finish();
    await vi.waitFor(() => expect(screen.queryByRole("status")).toBeNull());
  });
});
