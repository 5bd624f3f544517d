import { SCREENING_GROUPING_LABELS, type ScreeningGrouping } from "@luoshi/contract/ledger-vocabulary";
import { Button, Card, Grid, InputNumber, List, Select, Space, Table, Typography } from "antd";
import { useEffect, useState } from "react";
import type { Org } from "../../api/types";
import { EChart } from "../Dashboard/EChart";
import { T } from "./labels";
import { type ScreeningRates, screeningApi } from "./screening-api";

type Group = ScreeningRates["groups"][number];
type Rate = Group["rates"]["myopia_rate"];
type Metric = keyof Group["rates"];

const METRICS: readonly (readonly [Metric, string])[] = [
  ["myopia_rate", "近视率"],
  ["overweight_rate", "超重率"],
  ["obesity_rate", "肥胖率"],
  ["fitness_good_rate", "优良率"],
  ["fitness_pass_rate", "及格率"],
];
/** More groups than this (a county's classes) are paged, and charted only for one school. */
const PAGE = 50;
const CHART_MAX = 60;

function RateCell({ rate }: { rate: Rate }) {
  return (
    <div>
      <strong>{T.rate(rate.value)}</strong>{" "}
      <Typography.Text type="secondary">{T.fraction(rate.numerator, rate.denominator)}</Typography.Text>
      {rate.change !== null && (
        <div>
          <Typography.Text type={rate.change > 0 ? "danger" : "success"}>{T.change(rate.change)}</Typography.Text>
        </div>
      )}
    </div>
  );
}

/** On a phone: a card per group (and the total), a line per rate, instead of a wide table. */
function RatesList({ groups, total }: { groups: Group[]; total: Group }) {
  return (
    <List<Group>
      size="small"
      dataSource={[...groups, { ...total, label: T.total }]}
      pagination={groups.length > PAGE ? { pageSize: PAGE, size: "small", showSizeChanger: false } : false}
      renderItem={(g) => (
        <List.Item key={g.key}>
          <div style={{ width: "100%" }}>
            <strong>{g.label}</strong>{" "}
            <Typography.Text type="secondary">{`${T.students} ${g.students}`}</Typography.Text>
            {METRICS.map(([key, title]) => (
              <div key={key} style={{ display: "flex", gap: 8, alignItems: "baseline", flexWrap: "wrap" }}>
                <span style={{ minWidth: 48 }}>{title}</span>
                <RateCell rate={g.rates[key]} />
              </div>
            ))}
          </div>
        </List.Item>
      )}
    />
  );
}

/** A rate of the groups, last year's beside this year's (the bureau compares schools and years). */
function RatesChart({ rates, metric }: { rates: ScreeningRates; metric: Metric }) {
  const shown = rates.groups;
  const title = METRICS.find(([m]) => m === metric)?.[1] ?? "";
  if (shown.length === 0) return null;
  if (shown.length > CHART_MAX)
    return <Typography.Paragraph type="secondary">{T.chartTooMany(shown.length)}</Typography.Paragraph>;
  return (
    <EChart
      label={`${title}${T.chart}`}
      style={{ height: 320, marginTop: 16 }}
      option={{
        tooltip: { trigger: "axis" },
        legend: { top: 0, data: [T.thisYear(rates.previousYear), T.thisYear(rates.year)] },
        grid: { left: 48, right: 16, top: 48, bottom: 80 },
        xAxis: { type: "category", data: shown.map((g) => g.label), axisLabel: { rotate: 30 } },
        yAxis: { type: "value", name: `${title} %` },
        series: [
          {
            name: T.thisYear(rates.previousYear),
            type: "bar",
            data: shown.map((g) => g.rates[metric].previous.value),
          },
          { name: T.thisYear(rates.year), type: "bar", data: shown.map((g) => g.rates[metric].value) },
        ],
      }}
    />
  );
}

/**
 * Rates of a year by school, grade, class or sex (of the county, or of one school), with last year's,
 * the change in points and a chart comparing the two years; the three-year comparison as Excel.
 */
export function RatesTab({ defaultYear, schools }: { defaultYear: number; schools: Org[] }) {
  const [year, setYear] = useState(defaultYear);
  const [by, setBy] = useState<ScreeningGrouping>("school");
  const [orgId, setOrgId] = useState<string>();
  const [metric, setMetric] = useState<Metric>("myopia_rate");
  const [rates, setRates] = useState<ScreeningRates | null>(null);
  const phone = !Grid.useBreakpoint().md;
  useEffect(() => {
    void screeningApi.rates({ year, by, ...(orgId ? { orgId } : {}) }).then(setRates);
  }, [year, by, orgId]);

  const groups = rates?.groups ?? [];
  return (
    <Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{T.year}</span>
        <InputNumber aria-label={T.year} min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        <span>{T.groupBy}</span>
        <Select
          aria-label={T.groupBy}
          style={{ minWidth: 100 }}
          value={by}
          onChange={setBy}
          options={Object.entries(SCREENING_GROUPING_LABELS).map(([value, label]) => ({ value, label }))}
        />
        {schools.length > 1 && (
          <Select
            aria-label={T.school}
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={T.allSchools}
            style={{ minWidth: 180 }}
            value={orgId}
            onChange={setOrgId}
            options={schools.map((s) => ({ value: s.id, label: s.name }))}
          />
        )}
        <Button href={screeningApi.comparisonXlsxUrl(year)}>{T.exportComparison}</Button>
      </Space>
      {phone && rates ? (
        <RatesList groups={groups} total={rates.total} />
      ) : (
        <Table<Group>
          size="small"
          rowKey="key"
          dataSource={groups}
          pagination={groups.length > PAGE ? { pageSize: PAGE, showSizeChanger: false } : false}
          scroll={{ x: true }}
          columns={[
            { title: SCREENING_GROUPING_LABELS[by], dataIndex: "label", fixed: "left" },
            { title: T.students, dataIndex: "students" },
            ...METRICS.map(([key, title]) => ({
              title,
              key,
              render: (_: unknown, g: Group) => <RateCell rate={g.rates[key]} />,
            })),
            { title: T.undecided, dataIndex: "visionUndecided" },
          ]}
          summary={() =>
            rates && (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{T.total}</Table.Summary.Cell>
                <Table.Summary.Cell index={1}>{rates.total.students}</Table.Summary.Cell>
                {METRICS.map(([key], i) => (
                  <Table.Summary.Cell key={key} index={i + 2}>
                    <RateCell rate={rates.total.rates[key]} />
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={METRICS.length + 2}>{rates.total.visionUndecided}</Table.Summary.Cell>
              </Table.Summary.Row>
            )
          }
        />
      )}
      {rates && (
        <>
          <Space wrap style={{ marginTop: 16 }}>
            <span>{T.chartMetric}</span>
            <Select
              aria-label={T.chartMetric}
              style={{ minWidth: 100 }}
              value={metric}
              onChange={setMetric}
              options={METRICS.map(([value, label]) => ({ value, label }))}
            />
          </Space>
          <RatesChart rates={rates} metric={metric} />
        </>
      )}
      {rates && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {T.rules}：
          {rates.rules.map((r) => (
            <span key={r} style={{ display: "block" }}>
              {r}
            </span>
          ))}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
