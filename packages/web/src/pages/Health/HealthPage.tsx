import { Card } from "antd";
import { useMe } from "../../session";
import { AlertsPanel } from "./AlertsPanel";
import { BureauHealth } from "./BureauHealth";
import { H } from "./labels";
import { SchoolChecks } from "./SchoolChecks";

/** 台账 · 晨午检: a school's classes to check in (班主任 on a phone), or the bureau's daily view. */
export default function HealthPage() {
  const me = useMe();
  const school = me.role === "school_reporter";
  return (
    <Card title={H.title} styles={{ body: { padding: school ? 8 : undefined } }}>
      <AlertsPanel canReport={school} />
      {school ? <SchoolChecks /> : <BureauHealth canChase={["admin", "supervisor", "dept_head"].includes(me.role)} />}
    </Card>
  );
}
