import { Alert, Button, Input, InputNumber, List, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useMe } from "../../session";
import { S } from "./labels";
import {
  type Bulletin,
  type BulletinSummary,
  type Evaluation,
  supervisionApi,
  type UnitScore,
} from "./supervision-api";
import { act, useLoad } from "./use-load";

const percent = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);
/** Times are shown as read in the bureau: Asia/Shanghai, whatever the browser's zone. */
const shanghaiTime = (t: string) => new Date(t).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" });

const reasonText = (r: string) =>
  r.startsWith("missing_report:") ? S.bulletin.missingReport(r.slice(15)) : (S.reasons[r] ?? r);

/** What a bulletin states: the totals and its overdue tasks grouped by unit, then task. */
function BulletinDetail({ summary }: { summary: BulletinSummary }) {
  const groups = summary.overdueByUnit ?? [];
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Typography.Text data-testid="bulletin-totals">
        {S.bulletin.totals(summary)}（{S.bulletin.asOf(summary.asOf)}）
      </Typography.Text>
      {groups.length === 0 ? (
        <Typography.Text type="secondary">{S.bulletin.noOverdue}</Typography.Text>
      ) : (
        <>
          <Typography.Text strong data-testid="bulletin-overdue-count">
            {S.bulletin.overdueTitle(
              groups.length,
              groups.reduce((n, g) => n + g.tasks.length, 0),
            )}
          </Typography.Text>
          <List
            size="small"
            dataSource={groups}
            renderItem={(g) => (
              <List.Item key={g.orgId} style={{ display: "block" }}>
                <Typography.Text strong>
                  {g.orgName}（{g.tasks.length}）
                </Typography.Text>
                <ul style={{ margin: "4px 0 0", paddingLeft: 20 }}>
                  {g.tasks.map((t) => (
                    <li key={t.taskNo} data-testid="bulletin-overdue-task">
                      {t.taskNo} {t.taskTitle}
                      {t.dueDate && (
                        <Typography.Text type="secondary">
                          （{S.columns.dueDate} {t.dueDate}）
                        </Typography.Text>
                      )}{" "}
                      {t.reasons.map((r) => (
                        <Tag key={r} color="red">
                          {reasonText(r)}
                        </Tag>
                      ))}
                    </li>
                  ))}
                </ul>
              </List.Item>
            )}
          />
        </>
      )}
    </Space>
  );
}

/** Bulletins (通报): list with downloads and what each states; supervisors generate one for a month or quarter. */
export function BulletinsPanel() {
  const me = useMe();
  const list = useLoad(supervisionApi.bulletins);
  const [period, setPeriod] = useState("");
  const manager = me.role === "admin" || me.role === "supervisor";
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
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
        expandable={{
          rowExpandable: (b) => b.summary?.asOf !== undefined,
          expandedRowRender: (b) => <BulletinDetail summary={b.summary} />,
        }}
        columns={[
          { title: S.columns.period, dataIndex: "period" },
          { title: S.columns.bulletin, dataIndex: "title" },
          { title: S.columns.overdueRow, render: (_, b) => b.summary?.overdue ?? "—" },
          { title: S.columns.generatedAt, dataIndex: "generatedAt", render: shanghaiTime },
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

const scoreColumns = [
  { title: S.columns.rank, dataIndex: "rank", width: 60 },
  { title: S.columns.unit, dataIndex: "orgName" },
  { title: S.columns.score, dataIndex: "score" },
  { title: S.columns.completion, render: (_: unknown, u: UnitScore) => u.breakdown.completion },
  { title: S.columns.timeliness, render: (_: unknown, u: UnitScore) => u.breakdown.timeliness },
  { title: S.columns.attainment, render: (_: unknown, u: UnitScore) => u.breakdown.attainment },
  { title: S.columns.penalty, render: (_: unknown, u: UnitScore) => u.breakdown.noticePenalty },
  {
    title: S.columns.tasks,
    render: (_: unknown, u: UnitScore) => `${u.done} / ${u.total}（${percent(u.completion)}）`,
  },
  {
    title: S.columns.reports,
    render: (_: unknown, u: UnitScore) => `${u.expectedReports} / ${u.onTime} / ${u.late} / ${u.missing}`,
  },
  { title: S.columns.timelinessRate, render: (_: unknown, u: UnitScore) => percent(u.timeliness) },
  {
    title: S.columns.indicators,
    render: (_: unknown, u: UnitScore) => (u.indicators ? `${u.indicatorsDone} / ${u.indicators}` : "—"),
  },
  { title: S.columns.notices, dataIndex: "notices" },
  {
    title: S.evaluation.applied,
    render: (_: unknown, u: UnitScore) =>
      `${u.appliedWeights.completion} / ${u.appliedWeights.timeliness} / ${u.appliedWeights.attainment}`,
  },
];

/** Year-end evaluation (考核): the formula and weights, then each ranking with every unit's raw facts. */
export function EvaluationPanel() {
  const [year, setYear] = useState(new Date().getFullYear());
  const result = useLoad<Evaluation>(() => supervisionApi.evaluation(year), String(year));
  const e = result.data;
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Space>
        <span>{S.form.year}</span>
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        <Button href={supervisionApi.evaluationXlsxUrl(year)}>{S.actions.export}</Button>
      </Space>
      {e && (
        <Alert
          type="info"
          title={`${S.evaluation.formula}（${S.evaluation.asOf(e.asOf)}）`}
          description={
            <Space orientation="vertical">
              <span>{e.formula}</span>
              <span>{S.evaluation.weights(e.weights)}</span>
            </Space>
          }
        />
      )}
      {(e?.groups.length ?? 0) === 0 && !result.loading && (
        <Typography.Text type="secondary">{S.empty}</Typography.Text>
      )}
      {e?.groups.map((g) => (
        <div key={g.group}>
          <Typography.Title level={5}>{g.label}</Typography.Title>
          <Table<UnitScore>
            rowKey="orgId"
            size="small"
            loading={result.loading}
            dataSource={g.units}
            pagination={false}
            scroll={{ x: "max-content" }}
            columns={scoreColumns}
          />
        </div>
      ))}
    </Space>
  );
}
