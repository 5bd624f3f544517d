import { HEALTH_SLOT_LABELS } from "@luoshi/contract/ledger-vocabulary";
import { Card, Table } from "antd";
import { useEffect, useState } from "react";
import { healthApi, type SchoolSummaries } from "./health-api";
import { S } from "./summary-labels";

type Row = SchoolSummaries["summaries"][number];
const slotLabel = (s: string) => (HEALTH_SLOT_LABELS as Record<string, string>)[s] ?? s;

/** The bureau's table of today's school summaries: what each school's 疫情报告人 submitted, per slot. */
export function SummaryTable() {
  const [data, setData] = useState<SchoolSummaries | null>(null);
  useEffect(() => {
    void healthApi.summaries().then(setData);
  }, []);
  const sub = (r: Row) => r.submitted;
  return (
    <Card
      size="small"
      title={`${S.bureauTitle} ${data?.date ?? ""}`}
      className="health-summaries"
      style={{ marginTop: 12 }}
    >
      <Table<Row>
        size="small"
        rowKey={(r) => `${r.orgId}:${r.slot}`}
        pagination={false}
        scroll={{ x: true }}
        loading={!data}
        dataSource={data?.summaries ?? []}
        columns={[
          { title: S.school, dataIndex: "orgName" },
          { title: S.slot, dataIndex: "slot", render: slotLabel },
          {
            title: S.submittedAt,
            render: (_, r) =>
              r.submittedAt ? new Date(Date.parse(r.submittedAt) + 8 * 3_600_000).toISOString().slice(11, 16) : S.none,
          },
          { title: S.classes, render: (_, r) => (sub(r) ? `${sub(r)!.submittedClasses}/${sub(r)!.classes}` : "—") },
          { title: S.present, render: (_, r) => (sub(r) ? `${sub(r)!.present}/${sub(r)!.expected}` : "—") },
          { title: S.illAbsent, render: (_, r) => sub(r)?.illAbsent ?? "—" },
        ]}
      />
    </Card>
  );
}
