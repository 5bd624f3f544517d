import { Button, Input, InputNumber, Space, Table } from "antd";
import { useState } from "react";
import { useMe } from "../../session";
import { S } from "./labels";
import { type Bulletin, supervisionApi, type UnitScore } from "./supervision-api";
import { act, useLoad } from "./use-load";

/** Bulletins (通报): list with downloads; supervisors generate one for a month or quarter. */
export function BulletinsPanel() {
  const me = useMe();
  const list = useLoad(supervisionApi.bulletins);
  const [period, setPeriod] = useState("");
  const manager = me.role === "admin" || me.role === "supervisor";
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {manager && (
        <Space>
          <Input placeholder={S.form.period} value={period} onChange={(e) => setPeriod(e.target.value.trim())} />
          <Button
            type="primary"
            disabled={!period}
            onClick={() => act(() => supervisionApi.generate(period), list.reload, S.done)}
          >
            {S.actions.generate}
          </Button>
        </Space>
      )}
      <Table<Bulletin>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.bulletins ?? []}
        columns={[
          { title: S.columns.period, dataIndex: "period" },
          { title: S.columns.bulletin, dataIndex: "title" },
          {
            title: S.columns.generatedAt,
            dataIndex: "generated_at",
            render: (t: string) => new Date(t).toLocaleString("zh-CN"),
          },
          {
            title: "",
            render: (_, b) => (
              <Space size={4}>
                <Button size="small" href={supervisionApi.bulletinUrl(b.id, "docx")}>
                  {S.actions.download}
                </Button>
                <Button size="small" href={supervisionApi.bulletinUrl(b.id, "xlsx")}>
                  {S.actions.appendix}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}

/** Year-end evaluation (考核): score, rank and the breakdown behind each score. */
export function EvaluationPanel() {
  const [year, setYear] = useState(new Date().getFullYear());
  const result = useLoad(() => supervisionApi.evaluation(year), String(year));
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Space>
        <span>{S.form.year}</span>
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        <Button href={supervisionApi.evaluationXlsxUrl(year)}>{S.actions.export}</Button>
      </Space>
      <Table<UnitScore>
        rowKey="orgId"
        size="small"
        loading={result.loading}
        dataSource={result.data?.units ?? []}
        pagination={false}
        columns={[
          { title: S.columns.rank, dataIndex: "rank" },
          { title: S.columns.unit, dataIndex: "orgName" },
          { title: S.columns.score, dataIndex: "score" },
          { title: S.columns.completion, render: (_, u) => u.breakdown.completion },
          { title: S.columns.timeliness, render: (_, u) => u.breakdown.timeliness },
          { title: S.columns.attainment, render: (_, u) => u.breakdown.attainment },
          { title: S.columns.penalty, render: (_, u) => u.breakdown.noticePenalty },
        ]}
      />
    </Space>
  );
}
