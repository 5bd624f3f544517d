import { HEALTH_SLOT_LABELS, RETURN_STATUS_LABELS, SYMPTOM_LABELS } from "@luoshi/contract/ledger-vocabulary";
import { App as AntApp, Button, Card, List, Skeleton, Space, Statistic, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { messageOf } from "../../api/client";
import { HealthTrends } from "./HealthTrends";
import { healthApi, type ReturnsDay, type ReturnsReport } from "./health-api";
import { H } from "./labels";

const pct = (v: number | null) => (v === null ? "—" : `${v}%`);
const slotLabel = (s: string) => (HEALTH_SLOT_LABELS as Record<string, string>)[s] ?? s;
const STATUS_COLOURS: Record<string, string> = { missing: "red", pending: "default", late: "orange", timely: "green" };
const symptomText = (symptoms: Record<string, number> | undefined) =>
  Object.entries(symptoms ?? {})
    .sort((a, b) => b[1] - a[1])
    .map(([s, n]) => `${(SYMPTOM_LABELS as Record<string, string>)[s] ?? s}${n}`)
    .join("、") || "—";

/**
 * The bureau's view: today's submissions and illness absences by school (counts), one school's
 * classes on click-through, cases by symptom and by diagnosis over a range (with the workbook),
 * this month's two rates.
 */
export function BureauHealth({ canChase }: { canChase: boolean }) {
  const { message } = AntApp.useApp();
  const [day, setDay] = useState<ReturnsDay | null>(null);
  const [school, setSchool] = useState<ReturnsDay | null>(null);
  const [month, setMonth] = useState<ReturnsReport | null>(null);
  const load = useCallback(() => {
    void healthApi.day().then((d) => {
      setDay(d);
      void healthApi.report(`${d.date.slice(0, 7)}-01`, d.date).then(setMonth);
    });
  }, []);
  useEffect(load, [load]);
  if (!day) return <Skeleton active />;
  const open = (school?.items ?? []).filter((i) => i.status === "missing" || i.status === "pending");
  const pick = (orgId: string) => {
    setSchool(null);
    void healthApi.day(day.date, orgId).then(setSchool, (error) => void message.error(messageOf(error)));
  };
  const chase = async () => {
    try {
      const r = await healthApi.chase();
      void message.success(H.chased(r.notifications));
    } catch (error) {
      void message.error(messageOf(error));
    }
  };
  return (
    <Space orientation="vertical" style={{ width: "100%" }} size="middle">
      <Card
        size="small"
        title={`${H.today} ${day.date}`}
        extra={
          canChase && (
            <Button onClick={() => void chase()} disabled={day.summary.missing === 0}>
              {H.chase}
            </Button>
          )
        }
      >
        <Space wrap size="large">
          <Statistic title={H.submittedCount} value={day.summary.submitted} />
          <Statistic title={H.zeroCount} value={day.summary.zero} />
          <Statistic title={H.lateCount} value={day.summary.late} />
          <Statistic title={H.missingCount} value={day.summary.missing} />
          <Statistic title={H.pendingCount} value={day.summary.pending} />
          <Statistic title={H.completeness} value={pct(day.summary.completeness)} />
        </Space>
        <Table
          size="small"
          style={{ marginTop: 12 }}
          rowKey="orgId"
          pagination={false}
          scroll={{ x: true }}
          className="health-day-schools"
          dataSource={day.schools}
          onRow={(row) => ({ onClick: () => pick(row.orgId), style: { cursor: "pointer" } })}
          columns={[
            {
              title: H.school,
              dataIndex: "orgName",
              render: (name: string, row) => <Typography.Link onClick={() => pick(row.orgId)}>{name}</Typography.Link>,
            },
            { title: H.submittedCount, dataIndex: "submitted" },
            { title: H.zeroCount, dataIndex: "zero" },
            { title: H.lateCount, dataIndex: "late" },
            { title: H.missingCount, dataIndex: "missing" },
            { title: H.pendingCount, dataIndex: "pending" },
            { title: H.illAbsent, dataIndex: "illAbsent", render: (n?: number) => n ?? 0 },
            { title: H.symptoms, dataIndex: "symptoms", render: symptomText },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={school ? `${school.schools[0]?.orgName ?? ""} ${H.unsubmitted}` : H.unsubmitted}
        className="health-unsubmitted"
      >
        <List
          size="small"
          dataSource={open}
          locale={{ emptyText: school ? H.allSubmitted : H.pickSchool }}
          renderItem={(i) => (
            <List.Item>
              <span>
                {i.orgName} {i.unitName} {slotLabel(i.slot)}
                {i.responsibleName ? ` · ${H.headTeacher} ${i.responsibleName}` : ""}
              </span>
              <Tag color={STATUS_COLOURS[i.status]}>{RETURN_STATUS_LABELS[i.status]}</Tag>
            </List.Item>
          )}
        />
      </Card>
      <HealthTrends date={day.date} />
      <Card size="small" title={H.month} className="health-month">
        {month ? (
          <Table
            size="small"
            rowKey="orgId"
            pagination={false}
            scroll={{ x: true }}
            dataSource={month.bySchool}
            columns={[
              { title: H.school, dataIndex: "orgName" },
              { title: H.due, dataIndex: "due" },
              { title: H.submittedCount, dataIndex: "submitted" },
              { title: H.completeness, dataIndex: "completeness", render: pct },
              { title: H.timeliness, dataIndex: "timeliness", render: pct },
            ]}
          />
        ) : (
          <Skeleton active />
        )}
      </Card>
    </Space>
  );
}
