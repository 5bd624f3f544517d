import { SCREENING_GROUPING_LABELS, type ScreeningGrouping } from "@luoshi/contract/ledger-vocabulary";
import { Button, Card, InputNumber, Select, Space, Table, Typography } from "antd";
import { useEffect, useState } from "react";
import { EChart } from "../Dashboard/EChart";
import { T } from "./labels";
import { type ScreeningRates, screeningApi } from "./screening-api";

type Group = ScreeningRates["groups"][number];
type Rate = Group["rates"]["myopia_rate"];

const METRICS = [
  ["myopia_rate", "近视率"],
  ["overweight_rate", "超重率"],
  ["obesity_rate", "肥胖率"],
  ["fitness_good_rate", "优良率"],
  ["fitness_pass_rate", "及格率"],
] as const;

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

/** Rates of a year by school, grade, class or sex, with last year's and a chart comparing them. */
export function RatesTab({ defaultYear }: { defaultYear: number }) {
  const [year, setYear] = useState(defaultYear);
  const [by, setBy] = useState<ScreeningGrouping>("school");
  const [rates, setRates] = useState<ScreeningRates | null>(null);
  useEffect(() => {
    void screeningApi.rates({ year, by }).then(setRates);
  }, [year, by]);

  const rows = rates ? [...rates.groups, rates.total] : [];
  const shown = rates?.groups ?? [];
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
        <Button href={screeningApi.comparisonXlsxUrl(year)}>{T.exportComparison}</Button>
      </Space>
      <Table<Group>
        size="small"
        rowKey="key"
        dataSource={rows}
        pagination={false}
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
      />
      {rates && shown.length > 0 && (
        <EChart
          label={T.chart}
          style={{ height: 320, marginTop: 16 }}
          option={{
            tooltip: { trigger: "axis" },
            legend: { top: 0, data: [T.thisYear(rates.previousYear), T.thisYear(rates.year)] },
            grid: { left: 48, right: 16, top: 48, bottom: 80 },
            xAxis: { type: "category", data: shown.map((g) => g.label), axisLabel: { rotate: 30 } },
            yAxis: { type: "value", name: "近视率 %" },
            series: [
              {
                name: T.thisYear(rates.previousYear),
                type: "bar",
                data: shown.map((g) => g.rates.myopia_rate.previous.value),
              },
              { name: T.thisYear(rates.year), type: "bar", data: shown.map((g) => g.rates.myopia_rate.value) },
            ],
          }}
        />
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
