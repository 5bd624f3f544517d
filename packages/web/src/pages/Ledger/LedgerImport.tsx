import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import type { LedgerImportAnswer, LedgerRowProblem } from "@luoshi/contract";
import { Alert, App, Button, Checkbox, Descriptions, Modal, Space, Table, Upload } from "antd";
import { useState } from "react";
import type { Query } from "../../api/client";
import { ApiError, messageOf, upload, withQuery } from "../../api/client";

/** Texts of a ledger's xlsx import and export (any ledger type). */
export const IO = {
  exportLedger: "导出台账",
  importLedger: "导入台账",
  withPersonal: "含完整个人信息（记入审计）",
  importTitle: (title: string) => `导入${title}`,
  pick: "选择 Excel 台账文件",
  hint: "可直接导入本系统导出的台账（含“编号”列的行为更正已有记录，不含编号的行为新增记录）；表头按列名识别。先检查，全部无误才导入；也可选择仅导入有效行。",
  checking: "正在检查…",
  total: "数据行",
  created: "新增",
  corrected: "更正",
  unchanged: "未变化",
  skipped: "有错误的行",
  problems: (n: number) => `有 ${n} 处错误，未导入任何记录。请按行号修改后重新导入，或仅导入有效行：`,
  allValid: "全部行均符合要求，可以导入。",
  importAll: "全部导入",
  importValid: "仅导入有效行",
  done: (a: LedgerImportAnswer) =>
    `已导入：新增 ${a.created} 条，更正 ${a.corrected} 条${a.skipped ? `，跳过有错误的 ${a.skipped} 行` : ""}`,
  row: "行号",
  column: "列",
  problem: "问题",
  value: "表中内容",
  more: (shown: number, all: number) => `仅列出前 ${shown} 处，共 ${all} 处`,
};

/** The export link of a ledger: the filter as query, personal fields in clear only when asked (and allowed). */
export function LedgerExportButton({ url, query, mayReveal }: { url: string; query: Query; mayReveal: boolean }) {
  const [reveal, setReveal] = useState(false);
  return (
    <Space size={4} wrap>
      <Button icon={<DownloadOutlined />} href={withQuery(url, { ...query, reveal: reveal || undefined })} download>
        {IO.exportLedger}
      </Button>
      {mayReveal && (
        <Checkbox checked={reveal} onChange={(e) => setReveal(e.target.checked)}>
          {IO.withPersonal}
        </Checkbox>
      )}
    </Space>
  );
}

/**
 * 导入台账 of any ledger type: the workbook is checked first (mode=check: counts and every bad row
 * with its row number and message), then imported whole (mode=all) or only its valid rows (mode=valid).
 */
export function LedgerImportButton({
  url,
  title,
  onDone,
  hint = IO.hint,
}: {
  url: string;
  title: string;
  onDone: () => void;
  /** What the sheet may hold (default: a ledger exported by Luoshi). */
  hint?: string;
}) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<LedgerImportAnswer | null>(null);

  const send = async (f: File, mode: "check" | "all" | "valid") => {
    setBusy(true);
    try {
      const answer = await upload<LedgerImportAnswer>(url, f, { mode });
      if (mode === "check") {
        setFile(f);
        setChecked(answer);
      } else {
        message.success(IO.done(answer));
        setOpen(false);
        setChecked(null);
        onDone();
      }
    } catch (e) {
      const details = e instanceof ApiError ? (e.details as { problems?: LedgerRowProblem[] } | null) : null;
      if (details?.problems && checked) setChecked({ ...checked, problems: details.problems });
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)}>
        {IO.importLedger}
      </Button>
      <Modal
        open={open}
        title={IO.importTitle(title)}
        width={820}
        onCancel={() => {
          setOpen(false);
          setChecked(null);
        }}
        footer={
          checked && file
            ? [
                <Button
                  key="valid"
                  disabled={busy || checked.total === checked.skipped}
                  onClick={() => send(file, "valid")}
                >
                  {IO.importValid}
                </Button>,
                <Button
                  key="all"
                  type="primary"
                  disabled={busy || checked.problemCount > 0}
                  loading={busy}
                  onClick={() => send(file, "all")}
                >
                  {IO.importAll}
                </Button>,
              ]
            : null
        }
      >
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Alert type="info" showIcon title={hint} />
          <Upload
            accept=".xlsx"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(f) => {
              void send(f, "check");
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy}>
              {file ? file.name : IO.pick}
            </Button>
          </Upload>
          {checked && (
            <>
              <Descriptions size="small" column={{ xs: 2, sm: 5 }} bordered>
                <Descriptions.Item label={IO.total}>{checked.total}</Descriptions.Item>
                <Descriptions.Item label={IO.created}>{checked.created}</Descriptions.Item>
                <Descriptions.Item label={IO.corrected}>{checked.corrected}</Descriptions.Item>
                <Descriptions.Item label={IO.unchanged}>{checked.unchanged}</Descriptions.Item>
                <Descriptions.Item label={IO.skipped}>{checked.skipped}</Descriptions.Item>
              </Descriptions>
              {checked.problemCount === 0 ? (
                <Alert type="success" showIcon title={IO.allValid} />
              ) : (
                <>
                  <Alert type="error" showIcon title={IO.problems(checked.problemCount)} />
                  <Table<LedgerRowProblem>
                    data-testid="import-problems"
                    size="small"
                    rowKey={(p) => `${p.row}-${p.column}-${p.code}`}
                    pagination={{ pageSize: 10, hideOnSinglePage: true }}
                    scroll={{ x: true }}
                    dataSource={checked.problems}
                    columns={[
                      { title: IO.row, dataIndex: "row", width: 60 },
                      { title: IO.problem, dataIndex: "message" },
                      { title: IO.value, dataIndex: "value", width: 160 },
                    ]}
                    footer={
                      checked.problems.length < checked.problemCount
                        ? () => IO.more(checked.problems.length, checked.problemCount)
                        : undefined
                    }
                  />
                </>
              )}
            </>
          )}
        </Space>
      </Modal>
    </>
  );
}
