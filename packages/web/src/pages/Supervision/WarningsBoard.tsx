import { App, Button, Card, Col, Row, Space, Statistic, Typography } from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { api } from "../../api/endpoints";
import { orgTree } from "../../components/org-tree";
import { useAsync } from "../../components/use-async";
import { canManagePlans, isUnitRole, useMe } from "../../session";
import { EChart } from "../Dashboard/EChart";
import { OutbreakBoard } from "../Health/OutbreakBoard";
import { RetestBoard } from "../Screening/RetestBoard";
import { BOARD_ORDER, BoardFilters } from "./BoardFilters";
import { BoardRows, rowKey } from "./BoardRows";
import { boardFilterFrom, withBoardFilter } from "./board-filter";
import { HazardWarnings } from "./HazardWarnings";
import { IssueNoticeModal } from "./IssueNoticeModal";
import { S } from "./labels";
import type { NoticeTarget } from "./notice-prefill";
import { type StatusItem, supervisionApi } from "./supervision-api";
import { act, useLoad } from "./use-load";

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
  ...(r.entityName ? { subject: `${S.kind[r.entityKind]}“${r.entityName}”` } : {}),
});

/**
 * Red and yellow first: the latest day's statuses under the filters in the URL (plan, unit, kind,
 * status, search; filtered by the server), the status chips counting the rows listed, a trend above.
 */
export function WarningsBoard() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const filter = boardFilterFrom(params);
  const key = JSON.stringify(filter);
  const board = useLoad(() => supervisionApi.board(filter), key);
  const trendKey = JSON.stringify({ planId: filter.planId, kind: filter.kind });
  const trend = useLoad(() => supervisionApi.trend({ planId: filter.planId, kind: filter.kind }), trendKey);
  const plans = useAsync(() => api.plans().then((ps) => ps.filter((p) => p.status === "published")), []);
  const unit = isUnitRole(me);
  const orgs = useAsync(() => (unit ? Promise.resolve([]) : api.orgs()), [unit]);
  const days = trend.data?.days ?? [];
  const items = [...(board.data?.items ?? [])].sort(
    (a, b) => BOARD_ORDER.indexOf(a.status) - BOARD_ORDER.indexOf(b.status),
  );
  const manager = canManagePlans(me);
  const reloadAll = () => {
    board.reload();
    trend.reload();
  };
  const { message } = App.useApp();
  const [selected, setSelected] = useState<string[]>([]);
  const [targets, setTargets] = useState<NoticeTarget[]>([]);
  const chosen = items.filter((r) => selected.includes(rowKey(r)));
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
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
      <OutbreakBoard outbreaks={board.data?.outbreaks ?? []} />
      <RetestBoard retests={board.data?.retests ?? []} />
      <HazardWarnings hazards={board.data?.hazards ?? []} onIssue={manager ? (t) => setTargets([t]) : undefined} />
      {board.data && (
        <Row gutter={[16, 16]}>
          {BOARD_ORDER.map((s) => (
            <Col key={s} xs={12} md={6}>
              <Card size="small" data-testid={`board-tasks-${s}`}>
                <Statistic title={S.taskCount(s)} value={board.data?.tasks[s] ?? 0} />
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
            series: BOARD_ORDER.map((s) => ({ name: S.status[s], type: "line", data: days.map((d) => d[s]) })),
          }}
        />
      )}
      <BoardFilters
        filter={filter}
        onChange={(f) => {
          setSelected([]);
          setParams(withBoardFilter(params, f), { replace: true });
        }}
        plans={plans.data ?? []}
        orgs={unit ? null : orgTree(orgs.data ?? [])}
        counts={board.data?.counts}
        listed={board.data ? items.length : undefined}
      />
      <BoardRows
        items={items}
        loading={board.loading}
        selection={manager ? { keys: selected, onChange: setSelected } : undefined}
      />
    </Space>
  );
}
