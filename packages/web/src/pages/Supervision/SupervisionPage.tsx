import { Card, Tabs } from "antd";
import { useMe } from "../../session";
import { S } from "./labels";
import { NoticesPanel } from "./NoticesPanel";
import { BulletinsPanel, EvaluationPanel } from "./ReportsPanels";
import { WarningsBoard } from "./WarningsBoard";

/** 督查督办: warnings board, notices inbox and outbox, bulletins, year-end evaluation. */
export default function SupervisionPage() {
  const me = useMe();
  const bureau = me.role === "admin" || me.role === "supervisor" || me.role === "leader";
  const items = [
    { key: "board", label: S.tabs.board, children: <WarningsBoard /> },
    { key: "inbox", label: S.tabs.inbox, children: <NoticesPanel box="inbox" /> },
    ...(bureau ? [{ key: "outbox", label: S.tabs.outbox, children: <NoticesPanel box="outbox" /> }] : []),
    { key: "bulletins", label: S.tabs.bulletins, children: <BulletinsPanel /> },
    ...(bureau ? [{ key: "evaluation", label: S.tabs.evaluation, children: <EvaluationPanel /> }] : []),
  ];
  return (
    <Card title={S.title} style={{ margin: 16 }}>
      <Tabs items={items} destroyOnHidden />
    </Card>
  );
}
