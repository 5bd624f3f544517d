import { LEDGER_STATE_LABELS } from "@luoshi/contract/ledger-vocabulary";
import { Button, Card, List, Space, Statistic, Table, Tabs, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useMe } from "../../session";
import { AidPanel } from "./AidPanel";
import { CaseDrawer } from "./CaseDrawer";
import { CaseModal } from "./CaseModal";
import { type DropoutCases, dropoutApi, todayString } from "./dropout-api";
import { LedgersPanel } from "./LedgersPanel";
import { D } from "./labels";
import { MonthlyReturnCard, QuarterReviewPanel } from "./RhythmPanels";
import { SchoolAgePanel } from "./SchoolAgePanel";

const STATE_COLOURS: Record<string, string> = {
  at_risk: "orange",
  dropped_out: "red",
  persuading: "blue",
  returned: "green",
  placed: "green",
};
const METRIC_LABELS: Record<string, string> = {
  dropout_count: D.indicatorCount,
  persuasion_rate: D.indicatorRate,
  aid_coverage: D.indicatorAid,
};

/**
 * 控辍保学与学生资助: the school records its students at risk, 劝返 steps with evidence and the return;
 * the bureau sees every school's counts and the cases escalated to it; both see the aid checks.
 */
export default function DropoutPage() {
  const me = useMe();
  const school = me.role === "school_reporter";
  const [data, setData] = useState<DropoutCases>({ cases: [], schools: [] });
  const [metrics, setMetrics] = useState<{ metric: string; value: number | null }[]>([]);
  const [recording, setRecording] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  const load = useCallback(() => {
    setVersion((v) => v + 1);
    void dropoutApi.cases().then(setData);
    const year = new Date().getFullYear();
    void dropoutApi
      .indicators({ from: `${year}-01-01`, to: `${year}-12-31`, asOf: todayString() })
      .then((r) => setMetrics(r.metrics));
  }, []);
  useEffect(load, [load]);

  const count = (s: DropoutCases["schools"][number], states: string[]) =>
    states.reduce((n, st) => n + (s.byState[st] ?? 0), 0);
  const cases = (
    <Space orientation="vertical" style={{ width: "100%" }}>
      {school && <MonthlyReturnCard version={version} />}
      <Space wrap size="large">
        {metrics.map((m) => (
          <Statistic
            key={m.metric}
            title={METRIC_LABELS[m.metric]}
            value={m.value ?? "—"}
            suffix={m.metric === "dropout_count" || m.value === null ? undefined : "%"}
          />
        ))}
      </Space>
      {!school && (
        <Table
          size="small"
          rowKey="orgId"
          pagination={false}
          scroll={{ x: true }}
          title={() => D.counts}
          dataSource={data.schools}
          columns={[
            { title: D.school, dataIndex: "orgName" },
            { title: D.atRisk, render: (_, s) => count(s, ["at_risk"]) },
            { title: D.outOfSchool, render: (_, s) => count(s, ["dropped_out", "persuading"]) },
            { title: D.closed, render: (_, s) => count(s, ["returned", "placed"]) },
            { title: D.escalated, dataIndex: "escalated" },
          ]}
        />
      )}
      <List
        dataSource={data.cases}
        locale={{ emptyText: D.empty }}
        renderItem={(c) => (
          <List.Item onClick={() => setOpenId(c.id)} style={{ cursor: "pointer" }} data-case={c.id}>
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <Tag color={STATE_COLOURS[c.state]}>{LEDGER_STATE_LABELS[c.state]}</Tag>
                  {c.escalated && <Tag color="red">{D.escalated}</Tag>}
                  <span>
                    {String(c.fields.studentName ?? "")} · {String(c.fields.grade ?? "")}
                  </span>
                </Space>
              }
              description={`${c.orgName} · ${D.studentNo} ${String(c.fields.studentNo ?? "")} · ${D.visitCount} ${c.visitCount}`}
            />
          </List.Item>
        )}
      />
    </Space>
  );

  return (
    <Card
      title={D.title}
      extra={
        school && (
          <Button type="primary" onClick={() => setRecording(true)}>
            {D.record}
          </Button>
        )
      }
    >
      <Tabs
        items={[
          { key: "cases", label: D.casesTab, children: cases },
          {
            key: "ledgers",
            label: D.ledgersTab,
            children: <LedgersPanel school={school} onOpen={setOpenId} version={version} />,
          },
          {
            key: "school-age",
            label: D.schoolAgeTab,
            children: <SchoolAgePanel role={me.role} onOpenCase={setOpenId} />,
          },
          ...(school
            ? []
            : [
                {
                  key: "review",
                  label: D.reviewTab,
                  children: <QuarterReviewPanel mayComplete={me.role !== "leader"} onOpen={setOpenId} />,
                },
              ]),
          { key: "aid", label: D.aidTab, children: <AidPanel school={school} /> },
        ]}
      />
      <CaseModal
        open={recording}
        onClose={() => setRecording(false)}
        onDone={() => {
          setRecording(false);
          load();
        }}
      />
      <CaseDrawer id={openId} me={me} onClose={() => setOpenId(null)} onChanged={load} />
    </Card>
  );
}
