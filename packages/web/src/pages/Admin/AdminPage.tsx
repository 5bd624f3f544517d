import { Card, Result, Tabs } from "antd";
import { L, PUB } from "../../labels";
import { useMe } from "../../session";
import { AuditPanel } from "./AuditPanel";
import { BackupsPanel } from "./BackupsPanel";
import { BureauPanel } from "./BureauPanel";
import { BL } from "./backup-labels";
import { BUL } from "./bureau-labels";
import { OrgGroupsPanel } from "./OrgGroupsPanel";
import { OrgsPanel } from "./OrgsPanel";
import { UsersPanel } from "./UsersPanel";

export default function AdminPage() {
  const me = useMe();
  if (me.role !== "admin") return <Result status="403" title={L.forbiddenTitle} />;
  return (
    <Card title={L.adminTitle}>
      <Tabs
        items={[
          { key: "orgs", label: L.orgs, children: <OrgsPanel /> },
          { key: "groups", label: PUB.groupsTab, children: <OrgGroupsPanel /> },
          { key: "users", label: L.users, children: <UsersPanel /> },
          { key: "audit", label: L.audit, children: <AuditPanel /> },
          { key: "bureau", label: BUL.tab, children: <BureauPanel /> },
          { key: "backups", label: BL.tab, children: <BackupsPanel /> },
        ]}
      />
    </Card>
  );
}
