import { LEDGER_METRIC_LABELS, type LedgerMetric } from "@luoshi/contract/ledger-vocabulary";
import { Button, Card, List, message, Select, Space, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { messageOf } from "../../api/client";
import { api } from "../../api/endpoints";
import { T } from "./labels";
import { type PlanLedgerBindings, screeningApi } from "./screening-api";

/** A plan's indicators bound to ledger metrics, and those offered by their subject: bound by a click. */
export function BindingsTab() {
  const [plans, setPlans] = useState<{ id: string; title: string }[]>([]);
  const [planId, setPlanId] = useState("");
  const [data, setData] = useState<PlanLedgerBindings | null>(null);
  useEffect(() => {
    void api.plans().then((ps) => {
      const published = ps.filter((p) => p.status === "published");
      setPlans(published.map((p) => ({ id: p.id, title: p.title })));
      if (published[0]) setPlanId(published[0].id);
    });
  }, []);
  const load = useCallback(() => {
    if (planId) void screeningApi.bindings(planId).then(setData);
  }, [planId]);
  useEffect(load, [load]);

  const bind = async (indicatorId: string, metric: string) => {
    try {
      await screeningApi.bind(indicatorId, metric);
      message.success(T.saved);
      load();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  const metricLabel = (m: string) => LEDGER_METRIC_LABELS[m as LedgerMetric] ?? m;

  return (
    <Card>
      <Space style={{ marginBottom: 12 }}>
        <span>{T.plan}</span>
        <Select
          aria-label={T.plan}
          style={{ minWidth: 320 }}
          value={planId}
          onChange={setPlanId}
          options={plans.map((p) => ({ value: p.id, label: p.title }))}
        />
      </Space>
      <Typography.Title level={5}>{T.suggestions}</Typography.Title>
      <List
        dataSource={data?.suggestions ?? []}
        renderItem={(s) => (
          <List.Item
            actions={[
              <Button key="b" type="primary" size="small" onClick={() => void bind(s.indicatorId, s.metric)}>
                {`${T.bind} ${metricLabel(s.metric)}`}
              </Button>,
            ]}
          >
            {s.indicatorText}
          </List.Item>
        )}
      />
      <Typography.Title level={5}>{T.bindings}</Typography.Title>
      <List
        dataSource={data?.bindings ?? []}
        renderItem={(b) => (
          <List.Item>
            <Space wrap>
              <span>{b.indicatorText}</span>
              <Tag color="blue">{`${T.bound}：${metricLabel(b.metric)}`}</Tag>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
