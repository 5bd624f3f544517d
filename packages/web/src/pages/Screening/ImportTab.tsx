import { Alert, Button, Card, DatePicker, InputNumber, Radio, Select, Space, Table, Typography, Upload } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { ApiError, messageOf } from "../../api/client";
import type { Org } from "../../api/types";
import { T } from "./labels";
import { type ScreeningImportResult, screeningApi } from "./screening-api";

type Problems = ScreeningImportResult["problems"];

/** A school's (or the department's) import of a screening sheet, with every bad row listed. */
export function ImportTab({
  schools,
  defaultYear,
  onImported,
}: {
  schools: Org[];
  defaultYear: number;
  onImported: () => void;
}) {
  const [year, setYear] = useState(defaultYear);
  const [orgId, setOrgId] = useState(schools[0]?.id ?? "");
  const [measuredOn, setMeasuredOn] = useState<Dayjs>(dayjs());
  const [mode, setMode] = useState<"all" | "valid_only">("all");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ScreeningImportResult | null>(null);
  const [refusal, setRefusal] = useState<{ message: string; problems: Problems; unknownColumns: string[] } | null>(
    null,
  );

  const send = async (file: File) => {
    setBusy(true);
    setResult(null);
    setRefusal(null);
    try {
      const fields: Record<string, string> = { year: String(year), measuredOn: measuredOn.format("YYYY-MM-DD"), mode };
      if (orgId) fields.orgId = orgId;
      setResult(await screeningApi.import(file, fields));
      onImported();
    } catch (e) {
      const details =
        e instanceof ApiError ? (e.details as { problems?: Problems; unknownColumns?: string[] }) : undefined;
      setRefusal({
        message: messageOf(e),
        problems: details?.problems ?? [],
        unknownColumns: details?.unknownColumns ?? [],
      });
    } finally {
      setBusy(false);
    }
  };

  const problems = result?.problems ?? refusal?.problems ?? [];
  const unknown = result?.unknownColumns ?? refusal?.unknownColumns ?? [];
  return (
    <Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{T.year}</span>
        <InputNumber aria-label={T.year} min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        {schools.length > 1 && (
          <Select
            aria-label={T.school}
            style={{ minWidth: 200 }}
            value={orgId}
            onChange={setOrgId}
            options={schools.map((s) => ({ value: s.id, label: s.name }))}
          />
        )}
        <span>{T.measuredOn}</span>
        <DatePicker
          aria-label={T.measuredOn}
          value={measuredOn}
          onChange={(d) => d && setMeasuredOn(d)}
          allowClear={false}
        />
        <Radio.Group
          aria-label={T.mode}
          value={mode}
          onChange={(e) => setMode(e.target.value)}
          options={[
            { value: "all", label: T.modeAll },
            { value: "valid_only", label: T.modeValid },
          ]}
        />
      </Space>
      <Typography.Paragraph type="secondary">{T.importHint}</Typography.Paragraph>
      <Upload
        accept=".xlsx,.csv"
        showUploadList={false}
        beforeUpload={(file) => {
          void send(file);
          return false;
        }}
      >
        <Button type="primary" loading={busy}>
          {T.pickFile}
        </Button>
      </Upload>
      {result && (
        <Alert
          style={{ marginTop: 12 }}
          type={result.rejected > 0 ? "warning" : "success"}
          title={T.imported(result.written)}
          description={T.importSummary(result.written, result.rejected, result.followups)}
        />
      )}
      {refusal && <Alert style={{ marginTop: 12 }} type="error" title={refusal.message} />}
      {unknown.length > 0 && (
        <Alert style={{ marginTop: 12 }} type="info" title={`${T.unknownColumns}：${unknown.join("、")}`} />
      )}
      {problems.length > 0 && (
        <Table
          style={{ marginTop: 12 }}
          size="small"
          rowKey={(p) => `${p.sheet}:${p.row}:${p.code}:${p.column}`}
          title={() => T.problems}
          dataSource={problems}
          pagination={{ pageSize: 50 }}
          scroll={{ x: true }}
          columns={[
            { title: T.sheet, dataIndex: "sheet" },
            { title: T.row, dataIndex: "row" },
            { title: T.column, dataIndex: "column" },
            { title: T.message, dataIndex: "message" },
            { title: T.code, dataIndex: "code" },
          ]}
        />
      )}
    </Card>
  );
}
