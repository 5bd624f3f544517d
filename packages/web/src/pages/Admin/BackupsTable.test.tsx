// @vitest-environment happy-dom
import "../../test/dom";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { BackupList, BackupRecord } from "../../api/types";
import { BackupsTable, formatBytes } from "./BackupsTable";

const record = (over: Partial<BackupRecord>): BackupRecord => ({
  id: "20261205-023000-a1b2c3",
  kind: "scheduled",
  status: "done",
  startedAt: "2026-12-04T18:30:00.000Z",
  finishedAt: "2026-12-04T18:31:00.000Z",
  requestedBy: null,
  progress: null,
  bytes: 5 * 1024 * 1024,
  rows: 134336,
  files: 812,
  tables: null,
  sha256: null,
  verify: { status: "ok", at: "2026-12-04T18:31:00.000Z", message: null },
  error: null,
  ...over,
});

const list = (backups: BackupRecord[]): BackupList => ({
  backups,
  policy: { schedule: "30 2 * * *", keepDaily: 7, keepWeekly: 4 },
});

describe("BackupsTable", () => {
  it("shows each backup's size, contents and test-restore result, with a download link for finished ones", () => {
    render(
      <BackupsTable
        list={list([
          record({}),
          record({
            id: "b2",
            kind: "manual",
            status: "failed",
            bytes: null,
            rows: null,
            error: { code: "X", message: "磁盘已满" },
            verify: { status: "pending", at: null, message: null },
          }),
        ])}
        starting={false}
        onBackup={() => {}}
        onVerify={() => {}}
        downloadUrl={(id) => `/dl/${id}`}
      />,
    );
    expect(screen.getByText("134336 行数据 · 812 个文件")).toBeTruthy();
    expect(screen.getByText("5.0 MB")).toBeTruthy();
    expect(screen.getByText("通过")).toBeTruthy();
    expect(screen.getByText("失败")).toBeTruthy();
    expect(screen.getByText("待校验")).toBeTruthy();
    const links = screen.getAllByRole("link");
    expect(links.map((a) => a.getAttribute("href"))).toEqual(["/dl/20261205-023000-a1b2c3"]);
    expect(screen.getByText(/保留最近 7 天每天一份、最近 4 周每周一份/)).toBeTruthy();
  });

  it("立即备份 asks for a backup", () => {
    const onBackup = vi.fn();
    render(
      <BackupsTable
        list={list([])}
        starting={false}
        onBackup={onBackup}
        onVerify={() => {}}
        downloadUrl={(id) => id}
      />,
    );
    fireEvent.click(screen.getByRole("button", { name: /立即备份/ }));
    expect(onBackup).toHaveBeenCalledOnce();
    expect(screen.getByText("尚无备份")).toBeTruthy();
  });

  it("重新校验 asks to verify that backup again; while it runs both buttons wait and a failure says why", () => {
    const onVerify = vi.fn();
    const { rerender } = render(
      <BackupsTable
        list={list([record({})])}
        starting={false}
        onBackup={() => {}}
        onVerify={onVerify}
        downloadUrl={(id) => id}
      />,
    );
    fireEvent.click(screen.getByRole("button", { name: /重新校验/ }));
    expect(onVerify).toHaveBeenCalledWith("20261205-023000-a1b2c3");
    rerender(
      <BackupsTable
        list={list([
          record({ verify: { status: "pending", at: null, message: null } }),
          record({ id: "b2", verify: { status: "failed", at: "2026-12-05T01:00:00.000Z", message: "文件已被改动" } }),
        ])}
        starting={false}
        onBackup={() => {}}
        onVerify={onVerify}
        downloadUrl={(id) => id}
      />,
    );
    for (const button of screen.getAllByRole("button", { name: /重新校验/ })) {
      expect((button as HTMLButtonElement).disabled).toBe(true);
    }
    expect((screen.getByRole("button", { name: /立即备份/ }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText("文件已被改动")).toBeTruthy();
    expect(screen.getByText("未通过")).toBeTruthy();
  });

  it("sizes read in the nearest unit", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(2048)).toBe("2.0 KB");
    expect(formatBytes(3 * 1024 ** 3)).toBe("3.00 GB");
  });
});
