import type { SupervisionStatus } from "@luoshi/contract/vocabulary";
import { App, Button, Card, Col, Row, Space, Statistic, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useMe } from "../../session";
import { EChart } from "../Dashboard/EChart";
import { IssueNoticeModal } from "./IssueNoticeModal";
import { S } from "./labels";
import { type NoticeTarget, reasonText } from "./notice-prefill";
import { type StatusItem, supervisionApi } from "./supervision-api";
import { act, useLoad } from "./use-load";

const rowKey = (r: StatusItem) => `${r.entityKind}:${r.entityId}`;

/** A warning row as the subject of a 督办单: its task and unit, level, reasons, due date and progress. */
export const noticeTarget = (r: StatusItem): NoticeTarget => ({
  taskId: r.taskId,
  taskNo: r.taskNo,
  taskTitle: r.taskTitle,
  orgId: r.orgId ?? "",
  orgName: r.orgName ?? "",
  status: r.status,
  reasons: r.reasons,
  dueDate: r.dueDate,
  progress: r.progress,
});

/** Red and yellow first: the latest day's statuses, with a trend chart above. */
export function WarningsBoard() {
  const me = useMe();
  const board = useLoad(supervisionApi.board);
  const trend = useLoad(supervisionApi.trend);
  const days = trend.data?.days ?? [];
  const order: SupervisionStatus[] = ["overdue", "warning", "normal", "done"];
  const items = [...(board.data?.items ?? [])].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
  const manager = me.role === "admin" || me.role === "supervisor";
  const reloadAll = () => {
    board.reload();
    trend.reload();
  };
  const { message } = App.useApp();
  const [selected, setSelected] = useState<string[]>([]);
  const [targets, setTargets] = useState<NoticeTarget[]>([]);
  const chosen = items.filter((r) => selected.includes(rowKey(r)));
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {manager && (
        <Space wrap>
          <Button onClick={() => act(supervisionApi.run, reloadAll, S.done)}>{S.actions.run}</Button>
          <Button type="primary" disabled={chosen.length === 0} onClick={() => setTargets(chosen.map(noticeTarget))}>
            {S.issue.selected(chosen.length)}
          </Button>
          {chosen.length === 0 && <Typography.Text type="secondary">{S.issue.selectHint}</Typography.Text>}
        </Space>
      )}
      <IssueNoticeModal
        targets={targets}
        onClose={() => setTargets([])}
        onIssued={(n) => {
          message.success(S.issue.issued(n));
          setSelected([]);
        }}
      />
      {board.data && (
        <Row gutter={[16, 16]}>
          {order.map((s) => (
            <Col key={s} xs={12} md={6}>
              <Card size="small" data-testid={`board-tasks-${s}`}>
                <Statistic title={S.taskCount(s)} value={board.data?.tasks[s as keyof typeof board.data.tasks] ?? 0} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      {days.length > 0 && (
        <EChart
          label={S.trend}
          style={{ height: 260 }}
          option={{
            title: { text: S.trend, textStyle: { fontSize: 14 } },
            tooltip: { trigger: "axis" },
            legend: { bottom: 0 },
            xAxis: { type: "category", data: days.map((d) => d.day) },
            yAxis: { type: "value" },
            series: order.map((s) => ({ name: S.status[s], type: "line", data: days.map((d) => d[s]) })),
          }}
        />
      )}
      <Table<StatusItem>
        rowKey={rowKey}
        rowSelection={
          manager
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys.map(String)),
                getCheckboxProps: (r) => ({ disabled: !r.orgId, "aria-label": `${r.taskNo} ${r.orgName ?? ""}` }),
              }
            : undefined
        }
        loading={board.loading}
        dataSource={items}
        size="small"
        columns={[
          { title: S.columns.kind, dataIndex: "entityKind", render: (k: string) => S.kind[k] },
          { title: S.columns.task, render: (_, r) => `${r.taskNo} ${r.taskTitle}` },
          { title: S.columns.unit, dataIndex: "orgName" },
          {
            title: S.columns.status,
            dataIndex: "status",
            render: (s: string) => <Tag color={S.statusColor[s]}>{S.status[s]}</Tag>,
          },
          { title: S.columns.reasons, dataIndex: "reasons", render: (r: string[]) => r.map(reasonText).join("；") },
          { title: S.columns.due, dataIndex: "dueDate" },
          {
            title: S.columns.progress,
            dataIndex: "progress",
            render: (p: number | null) => (p === null ? "—" : `${p}%`),
          },
        ]}
      />
    </Space>
  );
}
