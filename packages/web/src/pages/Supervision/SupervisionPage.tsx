import { roleIn } from "@luoshi/contract/vocabulary";
import { Badge, Card, Tabs } from "antd";
import { useSearchParams } from "react-router";
import { useBadges } from "../../components/use-badges";
import { canManagePlans, useMe } from "../../session";
import { S } from "./labels";
import { NoticesPanel } from "./NoticesPanel";
import { BulletinsPanel, EvaluationPanel } from "./ReportsPanels";
import { RobotsPanel } from "./RobotsPanel";
import { WarningsBoard } from "./WarningsBoard";

/** 督查督办: warnings board, notices inbox and outbox, bulletins, evaluation, robots; ?tab= picks the tab. */
export default function SupervisionPage() {
  const me = useMe();
  // The bureau's read views (outbox, evaluation) by the contract's role group; robots for planManagers.
  const bureau = roleIn("leadersAndManagers", me.role);
  const { openNotices } = useBadges();
  const [params, setParams] = useSearchParams();
  const items = [
    { key: "board", label: S.tabs.board, children: <WarningsBoard /> },
    {
      key: "inbox",
      label: (
        <Badge count={openNotices} size="small" offset={[8, -2]}>
          {S.tabs.inbox}
        </Badge>
      ),
      children: <NoticesPanel box="inbox" />,
    },
    ...(bureau ? [{ key: "outbox", label: S.tabs.outbox, children: <NoticesPanel box="outbox" /> }] : []),
    { key: "bulletins", label: S.tabs.bulletins, children: <BulletinsPanel /> },
    ...(bureau ? [{ key: "evaluation", label: S.tabs.evaluation, children: <EvaluationPanel /> }] : []),
    ...(canManagePlans(me) ? [{ key: "robots", label: S.tabs.robots, children: <RobotsPanel /> }] : []),
  ];
  const tab = params.get("tab");
  const active = items.some((i) => i.key === tab) ? tab! : "board";
  return (
    <Card title={S.title} styles={{ body: { paddingTop: 0 } }}>
      <Tabs
        items={items}
        activeKey={active}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
      />
    </Card>
  );
}
