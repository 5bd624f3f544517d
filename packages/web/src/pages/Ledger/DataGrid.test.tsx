// @vitest-environment happy-dom
import "../../test/dom";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { DataGrid, type GridColumn } from "./DataGrid";

interface Row {
  id: string;
  no: string;
  title: string;
}
const rows: Row[] = [
  { id: "a", no: "1", title: "深化理论武装" },
  { id: "b", no: "2", title: "加强基层党组织建设" },
  { id: "c", no: "3", title: "推进学前教育普及普惠" },
];

function renderGrid(commit = vi.fn(), canEdit = true, onActivate = vi.fn()) {
  const columns: GridColumn<Row>[] = [
    { key: "no", title: "序号", render: (r) => r.no },
    { key: "title", title: "任务", render: (r) => r.title, edit: { value: (r) => r.title, commit } },
  ];
  render(
    <DataGrid
      label="任务台账"
      rows={rows}
      columns={columns}
      rowKey={(r) => r.id}
      canEdit={canEdit}
      onActivate={onActivate}
    />,
  );
  const grid = screen.getByRole("grid", { name: "任务台账" });
  const activeText = () => grid.querySelector('[aria-selected="true"]')?.textContent;
  return { grid, activeText, commit, onActivate };
}

describe("DataGrid keyboard navigation", () => {
  it("arrow keys move the active cell and stop at the edges", () => {
    const { grid, activeText } = renderGrid();
    expect(activeText()).toBe("1");
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    expect(activeText()).toBe("2");
    fireEvent.keyDown(grid, { key: "ArrowRight" });
    expect(activeText()).toBe("加强基层党组织建设");
    fireEvent.keyDown(grid, { key: "ArrowRight" });
    expect(activeText()).toBe("加强基层党组织建设");
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    expect(activeText()).toBe("推进学前教育普及普惠");
    fireEvent.keyDown(grid, { key: "ArrowUp" });
    fireEvent.keyDown(grid, { key: "Home" });
    expect(activeText()).toBe("2");
  });

  it("a click makes a cell active", () => {
    const { activeText } = renderGrid();
    fireEvent.click(screen.getByText("推进学前教育普及普惠"));
    expect(activeText()).toBe("推进学前教育普及普惠");
  });
});

describe("DataGrid inline edit", () => {
  it("Enter edits the active cell, Enter saves the new text and moves down", async () => {
    const { grid, activeText, commit } = renderGrid();
    fireEvent.keyDown(grid, { key: "ArrowRight" });
    fireEvent.keyDown(grid, { key: "Enter" });
    const input = screen.getByRole("textbox", { name: "任务" }) as HTMLInputElement;
    expect(input.value).toBe("深化理论武装");
    fireEvent.change(input, { target: { value: "深化党的创新理论武装" } });
    fireEvent.keyDown(input, { key: "Enter" });
    await vi.waitFor(() => expect(commit).toHaveBeenCalledWith(rows[0], "深化党的创新理论武装"));
    await vi.waitFor(() => expect(screen.queryByRole("textbox")).toBeNull());
    expect(activeText()).toBe("加强基层党组织建设");
  });

  it("Esc cancels without saving", () => {
    const { grid, commit } = renderGrid();
    fireEvent.keyDown(grid, { key: "ArrowRight" });
    fireEvent.keyDown(grid, { key: "Enter" });
    const input = screen.getByRole("textbox", { name: "任务" });
    fireEvent.change(input, { target: { value: "改了又不要" } });
    fireEvent.keyDown(input, { key: "Escape" });
    expect(screen.queryByRole("textbox")).toBeNull();
    expect(commit).not.toHaveBeenCalled();
    expect(screen.getByText("深化理论武装")).toBeTruthy();
  });

  it("arrow keys inside the editor move the caret, not the active cell", () => {
    const { grid, activeText } = renderGrid();
    fireEvent.keyDown(grid, { key: "ArrowRight" });
    fireEvent.keyDown(grid, { key: "Enter" });
    fireEvent.keyDown(screen.getByRole("textbox"), { key: "ArrowDown" });
    expect(screen.getByRole("textbox")).toBeTruthy();
    fireEvent.keyDown(screen.getByRole("textbox"), { key: "Escape" });
    expect(activeText()).toBe("深化理论武装");
  });

  it("without edit rights Enter opens the row instead", () => {
    const { grid, onActivate } = renderGrid(vi.fn(), false);
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    fireEvent.keyDown(grid, { key: "ArrowRight" });
    fireEvent.keyDown(grid, { key: "Enter" });
    expect(screen.queryByRole("textbox")).toBeNull();
    expect(onActivate).toHaveBeenCalledWith(rows[1]);
  });
});
