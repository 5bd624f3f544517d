import { App, Button, Card, Empty, List, Select, Space } from "antd";
import { useState } from "react";
import { useAsync } from "../../components/use-async";
import { refreshBadges } from "../../components/use-badges";
import { canManagePlans, useMe } from "../../session";
import { IssueNoticeModal } from "./IssueNoticeModal";
import { S } from "./labels";
import { NoticeDrawer } from "./NoticeDrawer";
import { NoticeCard } from "./NoticesPanel";
import type { NoticeTarget } from "./notice-prefill";
import { supervisionApi } from "./supervision-api";

/** A task's 督办 record on task detail: its notices (each opens with its history) and, for managers, 签发督办单. */
export function TaskNotices({
  task,
  units,
}: {
  task: { id: string; no: string; title: string; overdue?: boolean };
  units: { orgId: string; orgName: string }[];
}) {
  const me = useMe();
  const { message } = App.useApp();
  const notices = useAsync(() => supervisionApi.taskNotices(task.id).then((r) => r.notices), [task.id]);
  const [orgId, setOrgId] = useState<string | undefined>(units[0]?.orgId);
  const [targets, setTargets] = useState<NoticeTarget[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const manager = canManagePlans(me);
  const issue = () => {
    const unit = units.find((u) => u.orgId === orgId);
    if (!unit) return;
    setTargets([
      {
        taskId: task.id,
        taskNo: task.no,
        taskTitle: task.title,
        orgId: unit.orgId,
        orgName: unit.orgName,
        ...(task.overdue ? { status: "overdue", reasons: ["past_due"] } : {}),
      },
    ]);
  };
  return (
    <Card
      title={S.notice.onTask}
      size="small"
      extra={
        manager &&
        units.length > 0 && (
          <Space wrap>
            <Select
              aria-label={S.issue.chooseUnit}
              value={orgId}
              onChange={setOrgId}
              options={units.map((u) => ({ value: u.orgId, label: u.orgName }))}
              style={{ minWidth: 140 }}
            />
            <Button type="primary" onClick={issue} disabled={!orgId}>
              {S.issue.button}
            </Button>
          </Space>
        )
      }
    >
      <List
        loading={notices.loading}
        dataSource={notices.data ?? []}
        locale={{ emptyText: <Empty description={S.notice.noneOnTask} /> }}
        grid={{ gutter: 12, xs: 1, md: 2 }}
        renderItem={(n) => (
          <List.Item>
            <NoticeCard n={n} mine={n.orgId === me.orgId} onOpen={() => setOpen(n.id)} />
          </List.Item>
        )}
      />
      <IssueNoticeModal
        targets={targets}
        onClose={() => setTargets([])}
        onIssued={(count) => {
          message.success(S.issue.issued(count));
          notices.reload();
          refreshBadges();
        }}
      />
      <NoticeDrawer
        id={open}
        onClose={() => setOpen(null)}
        onChanged={() => {
          notices.reload();
          refreshBadges();
        }}
      />
    </Card>
  );
}
