import { Card, Tabs } from "antd";
import { useEffect, useState } from "react";
import { api } from "../../api/endpoints";
import type { Org } from "../../api/types";
import { useMe } from "../../session";
import { BindingsTab } from "./BindingsTab";
import { FollowupsTab } from "./FollowupsTab";
import { ImportTab } from "./ImportTab";
import { T } from "./labels";
import { RatesTab } from "./RatesTab";
import { StudentsTab } from "./StudentsTab";

const THIS_YEAR = new Date().getFullYear();

/**
 * 台账 · 学生健康筛查: rates for everyone (the bureau compares schools and years); the import, the
 * students and the 重点关注 list for the school and the responsible department only; binding plan
 * indicators to the rates for the plan's managers.
 */
export default function ScreeningPage() {
  const me = useMe();
  const individuals = me.role === "school_reporter" || me.role === "dept_head";
  const managers = me.role === "admin" || me.role === "supervisor";
  const [schools, setSchools] = useState<Org[]>([]);
  const [version, setVersion] = useState(0);
  // The schools: the import's choice (the department) and the rates' filter (the bureau; a school sees its own).
  useEffect(() => {
    void api.orgs().then((orgs) => setSchools(orgs.filter((o) => o.kind === "school")));
  }, []);

  const items = [
    {
      key: "rates",
      label: T.tabRates,
      children: (
        <RatesTab key={version} defaultYear={THIS_YEAR} schools={me.role === "school_reporter" ? [] : schools} />
      ),
    },
    ...(individuals
      ? [
          {
            key: "import",
            label: T.tabImport,
            children: (
              <ImportTab schools={schools} defaultYear={THIS_YEAR} onImported={() => setVersion((v) => v + 1)} />
            ),
          },
          { key: "students", label: T.tabStudents, children: <StudentsTab key={version} defaultYear={THIS_YEAR} /> },
          { key: "followups", label: T.tabFollowups, children: <FollowupsTab key={version} defaultYear={THIS_YEAR} /> },
        ]
      : []),
    ...(managers ? [{ key: "bindings", label: T.tabBindings, children: <BindingsTab /> }] : []),
  ];
  return (
    <Card title={T.title}>
      <Tabs items={items} destroyOnHidden />
    </Card>
  );
}
