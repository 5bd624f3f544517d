import { DownloadOutlined } from "@ant-design/icons";
import { App, Button, Card, Grid, Space, Typography } from "antd";
import { useMemo, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { messageOf } from "../../api/client";
import { api } from "../../api/endpoints";
import type { TaskRow } from "../../api/types";
import { AsyncView } from "../../components/AsyncView";
import { orgTree } from "../../components/org-tree";
import { useAsync } from "../../components/use-async";
import { CHG, L } from "../../labels";
import { canManagePlans, useMe } from "../../session";
import { IssueNoticeModal } from "../Supervision/IssueNoticeModal";
import { S as SUPERVISION } from "../Supervision/labels";
import type { NoticeTarget } from "../Supervision/notice-prefill";
import { TaskChangeLauncher } from "../TaskDetail/TaskChangeModal";
import { DataGrid } from "./DataGrid";
import { LedgerCards } from "./LedgerCards";
import { LedgerFilters } from "./LedgerFilters";
import { ledgerColumns } from "./ledger-columns";
import { filterFromParams, type LedgerFilter, paramsFromFilter } from "./ledger-filter";

export default function LedgerPage() {
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filter = filterFromParams(params);
  const plans = useAsync(() => api.plans().then((ps) => ps.filter((p) => p.status === "published")), []);
  const orgs = useAsync(() => api.orgs(), []);
  const planId = filter.planId ?? plans.data?.[0]?.id;
  const all = useAsync(() => (planId ? api.tasks({ planId }) : Promise.resolve([])), [planId]);
  const query = JSON.stringify({ ...filter, planId });
  const tasks = useAsync(
    () => (planId ? api.tasks({ ...filter, planId, overdue: filter.overdue || undefined }) : Promise.resolve([])),
    [query],
  );
  const sections = useMemo(
    () => [...new Set((all.data ?? []).map((t) => t.section).filter((s): s is string => Boolean(s)))],
    [all.data],
  );
  const setFilter = (f: LedgerFilter) => setParams(paramsFromFilter(f), { replace: true });
  const [targets, setTargets] = useState<NoticeTarget[]>([]);
  // Exports carry the active filters: the file holds the rows the page shows.
  const exportFilter = paramsFromFilter({ ...filter, planId: undefined });
  const columns = ledgerColumns(async (row: TaskRow, title: string) => {
    try {
      await api.correctTask(row.id, { title });
      message.success(L.saved);
      tasks.reload();
    } catch (e) {
      message.error(messageOf(e));
    }
  });
  const [changing, setChanging] = useState<string | null>(null);
  if (canManagePlans(me)) columns.push(changeColumn(setChanging), issueColumn(setTargets));

  return (
    <Card
      title={L.ledgerTitle}
      extra={
        planId && (
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={api.exportUrl(planId, "xlsx", exportFilter)} download>
              {L.exportXlsx}
            </Button>
            <Button icon={<DownloadOutlined />} href={api.exportUrl(planId, "docx", exportFilter)} download>
              {L.exportDocx}
            </Button>
          </Space>
        )
      }
    >
      <AsyncView state={plans} isEmpty={(ps) => ps.length === 0} emptyText={L.noPublishedPlan} rows={2}>
        {(ps) => (
          <LedgerFilters
            filter={{ ...filter, planId }}
            onChange={setFilter}
            plans={ps}
            sections={sections}
            orgs={orgTree(orgs.data ?? [])}
          />
        )}
      </AsyncView>
      {planId && (
        <AsyncView state={tasks} isEmpty={(ts) => ts.length === 0}>
          {(rows) => (
            <>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {L.taskCount(rows.length)}
                {screens.md ? ` · ${L.gridHelp}` : ""}
              </Typography.Paragraph>
              {screens.md ? (
                <DataGrid
                  label={L.ledgerTitle}
                  rows={rows}
                  columns={columns}
                  rowKey={(t) => t.id}
                  canEdit={canManagePlans(me)}
                  onActivate={(t) => navigate(`/tasks/${t.id}`)}
                />
              ) : (
                <LedgerCards rows={rows} />
              )}
            </>
          )}
        </AsyncView>
      )}
      {changing && (
        <TaskChangeLauncher
          taskId={changing}
          onClose={() => setChanging(null)}
          onDone={() => {
            setChanging(null);
            tasks.reload();
          }}
        />
      )}
      <IssueNoticeModal
        targets={targets}
        onClose={() => setTargets([])}
        onIssued={(n) => message.success(SUPERVISION.issue.issued(n))}
      />
    </Card>
  );
}

/** 调整任务 from a ledger row: units, deadline, cadence and indicators of the published task. */
function changeColumn(open: (taskId: string) => void) {
  return {
    key: "change",
    title: CHG.button,
    width: 88,
    render: (t: TaskRow) => (
      <Button size="small" onClick={() => open(t.id)} aria-label={`${CHG.button} ${t.no}`}>
        {CHG.button}
      </Button>
    ),
  };
}

/** 签发督办单 from a ledger row: to the task's lead units (all its units when none leads), prefilled. */
function issueColumn(open: (targets: NoticeTarget[]) => void) {
  const targetsOf = (t: TaskRow): NoticeTarget[] => {
    const leads = t.assignees.filter((a) => a.role === "lead");
    return (leads.length ? leads : t.assignees).map((a) => ({
      taskId: t.id,
      taskNo: t.no,
      taskTitle: t.title,
      orgId: a.orgId,
      orgName: a.orgName,
      ...(t.overdue ? { status: "overdue", reasons: ["past_due"], dueDate: t.nextDue } : {}),
      progress: a.percent,
    }));
  };
  return {
    key: "notice",
    title: SUPERVISION.notice.detail,
    width: 96,
    render: (t: TaskRow) =>
      t.assignees.length > 0 && (
        <Button size="small" onClick={() => open(targetsOf(t))}>
          {SUPERVISION.issue.button}
        </Button>
      ),
  };
}
