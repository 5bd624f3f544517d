import { DownloadOutlined } from "@ant-design/icons";
import type { HazardCounts, HazardRiskRegister, HazardSummary } from "@luoshi/contract";
import {
  HAZARD_CATEGORY_LABELS,
  HAZARD_GRADE_LABELS,
  LEDGER_STATE_LABELS,
  RISK_COLOURS,
  RISK_LEVEL_LABELS,
  type RiskLevel,
} from "@luoshi/contract/ledger-vocabulary";
import { Button, Card, Col, DatePicker, Row, Select, Space, Statistic, Table, Tag } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { get, withQuery } from "../../api/client";
import { type ChartOption, EChart } from "../Dashboard/EChart";

const S = {
  title: "安全隐患汇总（教育局）",
  period: "发现日期",
  found: "发现隐患",
  closed: "已整改销号",
  fixRate: "整改率",
  overdue: "逾期未整改",
  majorOpen: "重大隐患未销号",
  bySchool: "各学校隐患整改情况",
  byCategory: "各类别隐患",
  trend: "按周趋势",
  school: "学校",
  category: "隐患类别",
  open: "未销号",
  major: "其中重大",
  risks: "风险清单（未销号且已评估风险等级）",
  location: "位置",
  description: "隐患描述",
  grade: "隐患等级",
  riskLevel: "风险等级",
  state: "状态",
  foundOn: "发现日期",
  deadline: "整改时限",
  quarterly: "下载季度统计表",
  quarter: (q: number) => `第${["一", "二", "三", "四"][q - 1]}季度`,
  year: (y: number) => `${y}年`,
};

const COLOURS: Record<string, string> = { red: "#cf1322", orange: "#fa8c16", yellow: "#fadb14", blue: "#1677ff" };
const rate = (v: number | null) => (v === null ? "—" : `${v}%`);
const SCHOOLS_CHARTED = 15;

/** The bureau's summary of the hazard ledger: figures, charts, the table by school, the risk register. */
export default function SafetySummaryPage() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf("year"), dayjs()]);
  const [summary, setSummary] = useState<HazardSummary | null>(null);
  const [risks, setRisks] = useState<HazardRiskRegister | null>(null);
  const [quarter, setQuarter] = useState({ year: dayjs().year(), quarter: Math.floor(dayjs().month() / 3) + 1 });

  useEffect(() => {
    const q = { from: range[0].format("YYYY-MM-DD"), to: range[1].format("YYYY-MM-DD") };
    void get<HazardSummary>("/api/ledgers/hazard-summary", q).then(setSummary);
  }, [range]);
  useEffect(() => {
    void get<HazardRiskRegister>("/api/ledgers/hazard-risks").then(setRisks);
  }, []);

  const charts = useMemo(() => (summary ? chartOptions(summary) : null), [summary]);
  const t = summary?.totals;
  return (
    <Space orientation="vertical" style={{ width: "100%" }} size={16}>
      <Card
        title={S.title}
        extra={
          <Space wrap>
            <span>{S.period}</span>
            <DatePicker.RangePicker
              allowClear={false}
              value={range}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            />
          </Space>
        }
      >
        <Row gutter={[16, 16]}>
          <Col xs={12} md={4}>
            <Statistic title={S.found} value={t?.found ?? 0} />
          </Col>
          <Col xs={12} md={5}>
            <Statistic title={S.closed} value={t?.closed ?? 0} />
          </Col>
          <Col xs={12} md={5}>
            <Statistic title={S.fixRate} value={rate(t?.fixRate ?? null)} />
          </Col>
          <Col xs={12} md={5}>
            <Statistic
              title={S.overdue}
              value={t?.overdue ?? 0}
              valueStyle={{ color: t?.overdue ? "#cf1322" : undefined }}
            />
          </Col>
          <Col xs={12} md={5}>
            <Statistic
              title={S.majorOpen}
              value={t?.majorOpen ?? 0}
              valueStyle={{ color: t?.majorOpen ? "#cf1322" : undefined }}
            />
          </Col>
        </Row>
      </Card>
      {charts && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card size="small" title={S.bySchool}>
              <EChart label={S.bySchool} option={charts.schools} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={S.byCategory}>
              <EChart label={S.byCategory} option={charts.categories} />
            </Card>
          </Col>
          <Col xs={24}>
            <Card size="small" title={S.trend}>
              <EChart label={S.trend} option={charts.trend} style={{ height: 240 }} />
            </Card>
          </Col>
        </Row>
      )}
      <Card
        size="small"
        title={S.bySchool}
        extra={
          <Space wrap>
            <Select
              value={quarter.year}
              onChange={(year) => setQuarter((q) => ({ ...q, year }))}
              options={[0, 1, 2, 3].map((i) => ({ value: dayjs().year() - i, label: S.year(dayjs().year() - i) }))}
            />
            <Select
              value={quarter.quarter}
              onChange={(q) => setQuarter((x) => ({ ...x, quarter: q }))}
              options={[1, 2, 3, 4].map((q) => ({ value: q, label: S.quarter(q) }))}
            />
            <Button icon={<DownloadOutlined />} href={withQuery("/api/ledgers/hazard-quarterly", quarter)} download>
              {S.quarterly}
            </Button>
          </Space>
        }
      >
        <Table
          size="small"
          rowKey="orgId"
          scroll={{ x: true }}
          dataSource={summary?.bySchool ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[{ title: S.school, dataIndex: "orgName" }, ...countColumns()]}
        />
      </Card>
      <Card size="small" title={S.risks} extra={<RiskLevels risks={risks} />}>
        <Table
          size="small"
          rowKey="id"
          scroll={{ x: true }}
          dataSource={risks?.risks ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            {
              title: S.riskLevel,
              dataIndex: "riskLevel",
              render: (v: RiskLevel) => <Tag color={RISK_COLOURS[v]?.colour}>{RISK_LEVEL_LABELS[v] ?? v}</Tag>,
            },
            { title: S.school, dataIndex: "orgName" },
            {
              title: S.category,
              dataIndex: "category",
              render: (v: string) => HAZARD_CATEGORY_LABELS[v as keyof typeof HAZARD_CATEGORY_LABELS] ?? v,
            },
            { title: S.location, dataIndex: "location" },
            { title: S.description, dataIndex: "description" },
            {
              title: S.grade,
              dataIndex: "grade",
              render: (v: string) => HAZARD_GRADE_LABELS[v as keyof typeof HAZARD_GRADE_LABELS] ?? v,
            },
            {
              title: S.state,
              dataIndex: "state",
              render: (v: string) => LEDGER_STATE_LABELS[v as keyof typeof LEDGER_STATE_LABELS] ?? v,
            },
            { title: S.foundOn, dataIndex: "foundOn" },
            {
              title: S.deadline,
              dataIndex: "deadline",
              render: (v: string | null, r: { overdue: boolean }) =>
                r.overdue ? <Tag color="red">{`${v}（逾期）`}</Tag> : v,
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function RiskLevels({ risks }: { risks: HazardRiskRegister | null }) {
  return (
    <Space size={4} wrap>
      {(risks?.levels ?? []).map((l) => (
        <Tag key={l.riskLevel} color={RISK_COLOURS[l.riskLevel as RiskLevel]?.colour}>
          {`${RISK_LEVEL_LABELS[l.riskLevel as RiskLevel]} ${l.count}`}
        </Tag>
      ))}
    </Space>
  );
}

const countColumns = () =>
  (
    [
      ["found", S.found],
      ["major", S.major],
      ["closed", S.closed],
      ["open", S.open],
      ["overdue", S.overdue],
      ["majorOpen", S.majorOpen],
    ] as [keyof HazardCounts, string][]
  )
    .map(([key, title]) => ({
      title,
      dataIndex: key,
      sorter: (a: HazardCounts, b: HazardCounts) => Number(a[key] ?? 0) - Number(b[key] ?? 0),
    }))
    .concat([
      {
        title: S.fixRate,
        dataIndex: "fixRate",
        sorter: (a: HazardCounts, b: HazardCounts) => (a.fixRate ?? -1) - (b.fixRate ?? -1),
        render: (v: number | null) => rate(v),
      } as never,
    ]);

function chartOptions(s: HazardSummary): { schools: ChartOption; categories: ChartOption; trend: ChartOption } {
  const schools = s.bySchool
    .filter((x) => x.found > 0)
    .slice(0, SCHOOLS_CHARTED)
    .reverse();
  const stacked = (name: string, data: number[], colour: string) => ({
    name,
    type: "bar",
    stack: "all",
    data,
    itemStyle: { color: colour },
  });
  const categories = s.byCategory.filter((c) => c.found > 0);
  return {
    schools: {
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "value" },
      yAxis: { type: "category", data: schools.map((x) => x.orgName) },
      series: [
        stacked(
          S.closed,
          schools.map((x) => x.closed),
          "#52c41a",
        ),
        stacked(
          "未逾期未销号",
          schools.map((x) => x.open - x.overdue),
          "#1677ff",
        ),
        stacked(
          S.overdue,
          schools.map((x) => x.overdue),
          COLOURS.red!,
        ),
      ],
    },
    categories: {
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "value" },
      yAxis: {
        type: "category",
        data: categories.map(
          (c) => HAZARD_CATEGORY_LABELS[c.category as keyof typeof HAZARD_CATEGORY_LABELS] ?? c.category,
        ),
      },
      series: [
        stacked(
          S.closed,
          categories.map((c) => c.closed),
          "#52c41a",
        ),
        stacked(
          S.open,
          categories.map((c) => c.open),
          COLOURS.orange!,
        ),
      ],
    },
    trend: {
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: s.trend.map((w) => w.week) },
      yAxis: { type: "value" },
      series: [
        { name: S.found, type: "line", data: s.trend.map((w) => w.found), itemStyle: { color: COLOURS.orange } },
        { name: S.closed, type: "line", data: s.trend.map((w) => w.closed), itemStyle: { color: "#52c41a" } },
      ],
    },
  };
}
