import { Badge, Card, Empty, List, Space, Tag, Typography } from "antd";
import { useSearchParams } from "react-router";
import { refreshBadges } from "../../components/use-badges";
import { S } from "./labels";
import { NoticeDrawer } from "./NoticeDrawer";
import { type Notice, supervisionApi } from "./supervision-api";
import { useLoad } from "./use-load";

const statusColor: Record<string, string> = { issued: "gold", replied: "blue", escalated: "red", closed: "green" };
export const awaitingUnit = (n: Notice) => n.status === "issued" || n.status === "escalated";

/** One notice as a card: fits a 360 px phone, opens the notice on click. */
export function NoticeCard({ n, onOpen, mine }: { n: Notice; onOpen: () => void; mine: boolean }) {
  return (
    <Card size="small" hoverable onClick={onOpen} className="notice-card" style={{ width: "100%" }}>
      <Space orientation="vertical" size={2} style={{ width: "100%" }}>
        <Space wrap size={4}>
          <Badge dot={mine && awaitingUnit(n)}>
            <Typography.Text strong>{n.docNo}</Typography.Text>
          </Badge>
          <Tag color={statusColor[n.status]}>{S.noticeStatus[n.status]}</Tag>
          {n.level > 1 && <Tag color="red">{S.notice.levelText(n.level)}</Tag>}
        </Space>
        <Typography.Text style={{ wordBreak: "break-word" }}>{`${n.taskNo} ${n.taskTitle}`}</Typography.Text>
        <Typography.Text type="secondary" style={{ wordBreak: "break-word" }}>
          {`${n.orgName} · ${S.notice.replyDue} ${n.replyDue}`}
        </Typography.Text>
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
          {n.reason}
        </Typography.Paragraph>
      </Space>
    </Card>
  );
}

/** Inbox (units reply) or outbox (supervisors read, close or escalate); ?notice=ID opens one. */
export function NoticesPanel({ box }: { box: "inbox" | "outbox" }) {
  const list = useLoad(() => supervisionApi.notices(box), box);
  const [params, setParams] = useSearchParams();
  const openId = params.get("notice");
  const setOpen = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set("notice", id);
    else next.delete("notice");
    setParams(next, { replace: true });
  };
  const notices = list.data?.notices ?? [];
  return (
    <>
      <List<Notice>
        loading={list.loading}
        dataSource={notices}
        locale={{ emptyText: <Empty description={S.notice.empty} /> }}
        grid={{ gutter: 12, xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
        renderItem={(n) => (
          <List.Item style={{ marginBottom: 12 }}>
            <NoticeCard n={n} mine={box === "inbox"} onOpen={() => setOpen(n.id)} />
          </List.Item>
        )}
      />
      <NoticeDrawer
        id={openId}
        onClose={() => setOpen(null)}
        onChanged={() => {
          list.reload();
          refreshBadges();
        }}
      />
    </>
  );
}
