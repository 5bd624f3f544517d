import { DIAGNOSIS_LABELS, SYMPTOM_LABELS } from "@luoshi/contract/ledger-vocabulary";
import { App as AntApp, Button, Card, Col, DatePicker, Empty, Row, Skeleton, Space, Tag } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { messageOf } from "../../api/client";
import { type ChartOption, EChart } from "../Dashboard/EChart";
import { healthApi, type HealthTrends as Trends } from "./health-api";
import { H } from "./labels";

type Series = { key: string; counts: number[]; total: number };
const label = (labels: Record<string, string>) => (key: string) => labels[key] ?? key;
const symptomLabel = label(SYMPTOM_LABELS);
const diagnosisLabel = label(DIAGNOSIS_LABELS);

/** Counts per day as a chart: lines (a student has several symptoms) or stacked bars (a case has one diagnosis). */
function chart(days: string[], series: Series[], name: (key: string) => string, stacked: boolean): ChartOption {
  return {
    tooltip: { trigger: "axis" },
    legend: { type: "scroll", top: 0 },
    grid: { left: 36, right: 12, top: 36, bottom: 24 },
    xAxis: { type: "category", data: days.map((d) => d.slice(5)) },
    yAxis: { type: "value", minInterval: 1 },
    series: series.map((s) => ({
      name: name(s.key),
      type: stacked ? "bar" : "line",
      ...(stacked ? { stack: "cases" } : { smooth: false }),
      data: s.counts,
    })),
  };
}

const KINDS = {
  symptoms: { className: "health-trend-symptoms", title: H.bySymptom, name: symptomLabel },
  diagnoses: { className: "health-trend-diagnoses", title: H.byDiagnosis, name: diagnosisLabel },
};

/** One chart of the trends with each series' total under it (what the canvas shows, as text). */
function TrendChart({ kind, data }: { kind: keyof typeof KINDS; data: Trends }) {
  const { className, title, name } = KINDS[kind];
  const series: Series[] = data[kind];
  const option = useMemo(
    () =>
      kind === "symptoms"
        ? chart(
            data.days,
            [{ key: "", counts: data.absences, total: 0 }, ...series],
            (k) => (k ? name(k) : H.absences),
            false,
          )
        : chart(data.days, series, name, true),
    [kind, data, series, name],
  );
  return (
    <Col xs={24} xl={12} className={className}>
      <Card size="small" type="inner" title={title}>
        {series.length === 0 ? (
          <Empty description={H.noTrend} />
        ) : (
          <>
            <EChart label={title} option={option} />
            <Space wrap size={[4, 4]} className="health-trend-totals">
              {series.map((s) => (
                <Tag key={s.key}>
                  {name(s.key)} {s.total}
                </Tag>
              ))}
            </Space>
          </>
        )}
      </Card>
    </Col>
  );
}

/**
 * Cases over a range of days (the month so far by default): illness absences of the class checks by
 * symptom and illness-absence cases by diagnosis, counts only; the workbook of the day and the range.
 */
export function HealthTrends({ date }: { date: string }) {
  const { message } = AntApp.useApp();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs(date).startOf("month"), dayjs(date)]);
  const [data, setData] = useState<Trends | null>(null);
  const [from, to] = range.map((d) => d.format("YYYY-MM-DD")) as [string, string];
  useEffect(() => {
    setData(null);
    void healthApi.trends(from, to).then(setData, (error) => void message.error(messageOf(error)));
  }, [from, to, message]);
  return (
    <Card
      size="small"
      title={H.trends}
      className="health-trends"
      extra={
        <Space wrap>
          <span>{H.trendRange}</span>
          <DatePicker.RangePicker
            allowClear={false}
            value={range}
            disabledDate={(d) => d.isAfter(dayjs(date), "day")}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          />
          <Button href={healthApi.exportUrl(from, to, date)}>{H.exportXlsx}</Button>
        </Space>
      }
    >
      {!data ? (
        <Skeleton active />
      ) : (
        <Row gutter={[16, 16]}>
          <TrendChart kind="symptoms" data={data} />
          <TrendChart kind="diagnoses" data={data} />
        </Row>
      )}
    </Card>
  );
}
