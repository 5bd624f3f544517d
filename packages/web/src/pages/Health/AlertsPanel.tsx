import { App as AntApp, Button, Card, Input, List, Space, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { messageOf } from "../../api/client";
import { healthApi, type OutbreakAlert } from "./health-api";
import { H } from "./labels";

const time = (iso: string) => new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });

/** Outbreak alerts of the last two weeks; the school's reporter confirms each one reported. */
export function AlertsPanel({ canReport }: { canReport: boolean }) {
  const { message } = AntApp.useApp();
  const [alerts, setAlerts] = useState<OutbreakAlert[]>([]);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const load = useCallback(() => {
    void healthApi.alerts().then(setAlerts);
  }, []);
  useEffect(load, [load]);
  if (alerts.length === 0) return null;
  const report = async (a: OutbreakAlert) => {
    try {
      await healthApi.confirm({ alertId: a.id, note: notes[a.id] ?? "" });
      void message.success(H.reported);
      load();
    } catch (error) {
      void message.error(messageOf(error));
    }
  };
  return (
    <Card size="small" title={H.alerts} className="health-alerts" style={{ marginBottom: 8 }}>
      <List
        size="small"
        dataSource={alerts}
        renderItem={(a) => (
          <List.Item>
            <Space orientation="vertical" size={4} style={{ width: "100%" }}>
              <Space wrap>
                <Tag color={a.reportedAt ? "green" : a.overdue ? "red" : "orange"}>
                  {a.reportedAt ? H.alertReported : a.overdue ? H.alertOverdue : H.alertOpen}
                </Tag>
                <span>
                  {a.orgName} {a.scope === "class" ? a.unitName : ""}：{a.label}（{a.count}
                  {H.cases}）
                </span>
              </Space>
              <span style={{ color: "#666" }}>
                {H.detectedAt} {time(a.detectedAt)} · {H.dueAt} {time(a.dueAt)}
                {a.reportedAt ? ` · ${H.reportedAt} ${time(a.reportedAt)}` : ""}
              </span>
              {canReport && !a.reportedAt && (
                <Space.Compact style={{ width: "100%" }}>
                  <Input
                    aria-label={H.reportNote}
                    placeholder={H.reportNote}
                    value={notes[a.id] ?? ""}
                    maxLength={500}
                    onChange={(e) => setNotes((n) => ({ ...n, [a.id]: e.target.value }))}
                  />
                  <Button type="primary" disabled={!(notes[a.id] ?? "").trim()} onClick={() => void report(a)}>
                    {H.confirmReport}
                  </Button>
                </Space.Compact>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
