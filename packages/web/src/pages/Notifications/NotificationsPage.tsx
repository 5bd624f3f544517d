import { NOTIFICATION_EVENT_LABELS } from "@luoshi/contract/vocabulary";
import { App, Badge, Button, Card, Empty, List, Segmented, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { messageOf } from "../../api/client";
import { formatTime } from "../../components/format";
import { useAsync } from "../../components/use-async";
import { refreshBadges } from "../../components/use-badges";
import { canReport, useMe } from "../../session";
import { type Notification, supervisionApi } from "../Supervision/supervision-api";

const T = {
  title: "消息中心",
  all: "全部",
  unread: "未读",
  readAll: "全部已读",
  empty: "暂无消息",
  personal: "给我的",
};
const EVENT_LABELS = NOTIFICATION_EVENT_LABELS as Record<string, string>;
const EVENT_COLOR: Record<string, string> = {
  new_notice: "red",
  notice_escalated: "volcano",
  notice_reply: "blue",
  notice_closed: "green",
  overdue: "red",
  missing_report: "orange",
  due_soon: "gold",
  mention: "purple",
  task_changed: "cyan",
};

/**
 * New 督办单, replies, escalations, 办结, due and overdue reminders, @mentions and changes to published
 * tasks; a click opens the thing.
 */
export default function NotificationsPage() {
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<"all" | "unread">("all");
  const list = useAsync(() => supervisionApi.notifications(filter === "unread"), [filter]);
  const where = (n: Notification) => {
    if (n.entityKind === "notice") {
      const box = n.event === "notice_reply" || !canReport(me) ? "outbox" : "inbox";
      return `/supervision?tab=${box}&notice=${n.entityId}`;
    }
    if (n.entityKind === "ledger_record") return `/safety?hazard=${n.entityId}`;
    // A unit taken off a task can no longer open it: units go to 我的任务.
    if (n.event === "task_changed" && !canReport(me))
      return n.entityKind === "task" ? `/tasks/${n.entityId}` : "/plans";
    return canReport(me) ? "/my-tasks" : "/supervision?tab=board";
  };
  const open = async (n: Notification) => {
    if (!n.readAt) {
      await supervisionApi.markRead([n.id]).catch(() => undefined);
      refreshBadges();
    }
    navigate(where(n));
  };
  const readAll = async () => {
    try {
      await supervisionApi.markRead("all");
      refreshBadges();
      list.reload();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <Card
      title={
        <Space>
          {T.title}
          <Badge count={list.data?.unread ?? 0} />
        </Space>
      }
      extra={
        <Button onClick={readAll} disabled={!list.data?.unread}>
          {T.readAll}
        </Button>
      }
    >
      <Segmented
        value={filter}
        onChange={(v) => setFilter(v as "all" | "unread")}
        options={[
          { value: "all", label: T.all },
          { value: "unread", label: T.unread },
        ]}
        style={{ marginBottom: 12 }}
      />
      <List<Notification>
        loading={list.loading}
        dataSource={list.data?.notifications ?? []}
        locale={{ emptyText: <Empty description={T.empty} /> }}
        renderItem={(n) => (
          <List.Item
            className={n.readAt ? "notification" : "notification notification-unread"}
            onClick={() => void open(n)}
            style={{ cursor: "pointer", background: n.readAt ? undefined : "#f0f7ff", padding: "8px 12px" }}
          >
            <Space orientation="vertical" size={2} style={{ width: "100%", minWidth: 0 }}>
              <Space wrap size={4}>
                {!n.readAt && <Badge status="processing" />}
                <Tag color={EVENT_COLOR[n.event]}>{EVENT_LABELS[n.event] ?? n.event}</Tag>
                {n.personal && <Tag>{T.personal}</Tag>}
                <Typography.Text strong style={{ wordBreak: "break-word" }}>
                  {n.title}
                </Typography.Text>
              </Space>
              <Typography.Text type="secondary" style={{ wordBreak: "break-word" }}>
                {n.body}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatTime(n.createdAt)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
