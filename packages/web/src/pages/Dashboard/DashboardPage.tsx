import { Card, Col, Row, Select, Space, Statistic, Table, Typography } from "antd";
import { useMemo, useRef, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api } from "../../api/endpoints";
import type { Dashboard } from "../../api/types";
import { AsyncView } from "../../components/AsyncView";
import { useAsync } from "../../components/use-async";
import { L, STATUS, type TaskStatus } from "../../labels";
import { takePrefetched } from "../../prefetch";
import { dashboardKey } from "../../routes";
import { ledgerLink } from "../Ledger/ledger-filter";
import { indicatorOption, monthEnd, sectionOption, trendOption, unitOption, warningOption } from "./chart-options";
import { type ChartClick, EChart } from "./EChart";

const STATUS_BY_LABEL = Object.fromEntries(Object.entries(STATUS).map(([k, v]) => [v, k])) as Record<
  string,
  TaskStatus
>;
const CHART_COUNT = 5;
const UNITS_SHOWN = 5;

function Charts({ d }: { d: Required<Dashboard> & { plan: { id: string } } }) {
  const navigate = useNavigate();
  const planId = d.plan.id;
  const drawn = useRef(0);
  const [ready, setReady] = useState(false);
  const done = () => {
    drawn.current += 1;
    if (drawn.current !== CHART_COUNT) return;
    // Ready once the drawn charts are on screen and the page is free to take a click:
    // after the next frame, when the task that drew them is over.
    requestAnimationFrame(() =>
      setTimeout(() => {
        performance.mark("luoshi:charts-ready");
        setReady(true);
      }),
    );
  };
  const options = useMemo(
    () => ({
      section: sectionOption(d.bySection),
      unit: unitOption(d.byUnit),
      warning: warningOption(d.warnings),
      indicator: indicatorOption(d.indicators),
      trend: trendOption(d.trend),
    }),
    [d],
  );
  const go = (filter: Parameters<typeof ledgerLink>[0]) => navigate(ledgerLink({ planId, ...filter }));
  const indicatorTask = (p: ChartClick) => {
    const key = (p.data as { key: string }).key;
    const item = d.indicators.items.find((i) =>
      key === "attained" ? i.attained === true : key === "missed" ? i.attained === false : i.attained === null,
    );
    if (item) navigate(`/tasks/${item.taskId}`);
  };
  return (
    // data-charts-ready turns true, after the luoshi:charts-ready mark, once every chart has drawn its
    // data (ECharts 'finished') and that frame is shown; the e2e test times the dashboard by the mark.
    <div data-charts-ready={ready ? "true" : "false"} data-testid="dashboard-charts">
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={L.completionBySection} size="small">
            <EChart
              label={L.completionBySection}
              option={options.section}
              onRendered={done}
              onClick={(p) => go({ section: p.name, status: p.seriesName ? STATUS_BY_LABEL[p.seriesName] : undefined })}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={L.completionByUnit} size="small">
            <EChart
              label={L.completionByUnit}
              option={options.unit}
              onRendered={done}
              onClick={(p) => go({ orgId: (p.data as { orgId: string }).orgId })}
            />
          </Card>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Card title={L.warningLights} size="small">
            <EChart
              label={L.warningLights}
              option={options.warning}
              onRendered={done}
              onClick={(p) => {
                const level = (p.data as { level: string }).level;
                go(level === "red" ? { overdue: true } : level === "yellow" ? { supervision: "warning" } : {});
              }}
            />
          </Card>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Card title={L.indicatorAttainment} size="small">
            <EChart
              label={L.indicatorAttainment}
              option={options.indicator}
              onRendered={done}
              onClick={indicatorTask}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={L.monthlyTrend} size="small">
            <EChart
              label={L.monthlyTrend}
              option={options.trend}
              onRendered={done}
              onClick={(p) => go({ dueFrom: `${p.name}-01`, dueTo: monthEnd(p.name) })}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function Overview({ d }: { d: Required<Dashboard> & { plan: { id: string; title: string } } }) {
  const t = d.totals;
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Row gutter={[16, 16]}>
        {[
          [L.totalTasks, t.total, {}, "total"],
          [L.doneTasks, t.done, { status: "done" as const }, "done"],
          [L.overdueTasks, t.overdue, { overdue: true }, "overdue"],
          [L.blockedTasks, t.blocked, { status: "blocked" as const }, "blocked"],
        ].map(([title, value, filter, key]) => (
          <Col key={String(title)} xs={12} md={6}>
            <Link to={ledgerLink({ planId: d.plan.id, ...(filter as object) })}>
              <Card size="small" hoverable data-testid={`dashboard-${String(key)}`}>
                <Statistic title={String(title)} value={Number(value)} />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
      <Charts d={d} />
      <Card title={L.overdueList} size="small">
        <Table
          size="small"
          rowKey="id"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: true }}
          dataSource={d.overdue}
          locale={{ emptyText: L.empty }}
          columns={[
            { title: L.colNo, dataIndex: "no", width: 60 },
            { title: L.colTitle, render: (_, r) => <Link to={`/tasks/${r.id}`}>{r.title}</Link> },
            { title: L.colSection, dataIndex: "section" },
            { title: L.dueRange, render: (_, r) => r.dueDates.join("、") },
            {
              title: L.colUnits,
              render: (_, r) =>
                r.units.slice(0, UNITS_SHOWN).join("、") +
                (r.units.length > UNITS_SHOWN ? L.andMore(r.units.length) : ""),
            },
          ]}
        />
      </Card>
      <ComputedIndicators items={d.indicators.items} />
    </Space>
  );
}

/** Indicators whose rate a ledger computes (近视率, 优良率, …), each with its arithmetic. */
function ComputedIndicators({ items }: { items: Required<Dashboard>["indicators"]["items"] }) {
  const computed = items.filter((i) => i.derivation);
  if (computed.length === 0) return null;
  return (
    <Card title={L.computedIndicators} size="small" data-testid="dashboard-computed-indicators">
      {computed.map((i) => (
        <div key={i.id} style={{ marginBottom: 8 }}>
          <Link to={`/tasks/${i.taskId}`}>{`${i.taskNo ?? ""} ${i.subject}`}</Link>
          {/* A computed rate is a percentage whatever the target's unit ("下降1个百分点"). */}
          {`：${i.actual === null ? "—" : `${i.actual}%`}`}
          <Typography.Text type="secondary" style={{ display: "block" }}>
            {i.derivation}
          </Typography.Text>
        </div>
      ))}
    </Card>
  );
}

export default function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const planId = params.get("planId") ?? undefined;
  const state = useAsync(
    () => takePrefetched<Dashboard>(dashboardKey(planId ?? null)) ?? api.dashboard(planId),
    [planId],
  );
  return (
    <AsyncView state={state} rows={10}>
      {(d) => (
        <Space orientation="vertical" size={12} style={{ width: "100%" }}>
          <Space wrap style={{ justifyContent: "space-between", width: "100%" }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {L.dashboardTitle}
            </Typography.Title>
            {d.plans.length > 0 && (
              <Select
                aria-label={L.plan}
                style={{ minWidth: 240 }}
                value={d.plan?.id}
                options={d.plans.map((p) => ({ value: p.id, label: p.title }))}
                onChange={(id: string) => setParams({ planId: id })}
              />
            )}
          </Space>
          {d.plan ? (
            <Overview d={d as Required<Dashboard> & { plan: { id: string; title: string } }} />
          ) : (
            <Typography.Text type="secondary">{L.noPublishedPlan}</Typography.Text>
          )}
        </Space>
      )}
    </AsyncView>
  );
}
