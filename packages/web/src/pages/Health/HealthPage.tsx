import { Card, Tabs } from "antd";
import { useMe } from "../../session";
import { AlertsPanel } from "./AlertsPanel";
import { BureauHealth } from "./BureauHealth";
import { CaseCounts } from "./CaseCounts";
import { C } from "./case-labels";
import { IllnessCases } from "./IllnessCases";
import { H } from "./labels";
import { OutbreakRules } from "./OutbreakRules";
import { SchoolChecks } from "./SchoolChecks";
import { SummaryTable } from "./SummaryTable";

/** 台账 · 晨午检: a school's classes to check in and its illness cases (班主任 on a phone), or the bureau's daily view. */
export default function HealthPage() {
  const me = useMe();
  const school = me.role === "school_reporter";
  return (
    <Card title={H.title} styles={{ body: { padding: school ? 8 : undefined } }}>
      <AlertsPanel canReport={school} />
      {school ? (
        <Tabs
          size="small"
          items={[
            { key: "checks", label: C.checksTab, children: <SchoolChecks /> },
            { key: "cases", label: C.tab, children: <IllnessCases /> },
          ]}
        />
      ) : (
        <>
          <BureauHealth canChase={["admin", "supervisor", "dept_head"].includes(me.role)} />
          <SummaryTable />
          <CaseCounts />
          <OutbreakRules canEdit={["admin", "supervisor", "dept_head"].includes(me.role)} />
        </>
      )}
    </Card>
  );
}
