import { App as AntApp, Button, Card, Space, Statistic, Tag } from "antd";
import { useEffect, useState } from "react";
import { messageOf } from "../../api/client";
import { healthApi, type SchoolSummary } from "./health-api";
import { S } from "./summary-labels";

/** The school's summary of a slot (its 疫情报告人 only): live totals of the class checks, submitted with one tap. */
export function SchoolSummaryCard({ date, slot, refresh }: { date: string; slot: string; refresh: number }) {
  const { message } = AntApp.useApp();
  const [summary, setSummary] = useState<SchoolSummary | null>(null);
  const [saving, setSaving] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refresh reloads after a class check
  useEffect(() => {
    void healthApi.summaries(date).then((r) => setSummary(r.summaries.find((s) => s.slot === slot) ?? null));
  }, [date, slot, refresh]);
  if (!summary) return null;
  const submit = async () => {
    setSaving(true);
    try {
      setSummary(await healthApi.submitSummary({ date, slot }));
      void message.success(S.submitted);
    } catch (error) {
      void message.error(messageOf(error));
    } finally {
      setSaving(false);
    }
  };
  const { live } = summary;
  const stale = summary.submitted !== null && JSON.stringify(summary.submitted) !== JSON.stringify(live);
  return (
    <Card size="small" className="school-summary" title={S.title} style={{ marginBottom: 8 }}>
      <Space wrap size="middle">
        <Statistic title={S.classes} value={`${live.submittedClasses}/${live.classes}`} />
        <Statistic title={S.present} value={`${live.present}/${live.expected}`} />
        <Statistic title={S.illAbsent} value={live.illAbsent} />
      </Space>
      <div style={{ marginTop: 6 }}>
        {summary.submittedAt ? (
          <Tag color={stale ? "orange" : "green"}>{stale ? S.stale : S.done(summary.version)}</Tag>
        ) : (
          <Tag color="red">{S.notYet}</Tag>
        )}
        {live.missingClasses.length > 0 && <span style={{ fontSize: 12 }}>{S.missing(live.missingClasses)}</span>}
      </div>
      <Button
        type="primary"
        block
        style={{ marginTop: 6 }}
        loading={saving}
        disabled={live.submittedClasses === 0}
        onClick={() => void submit()}
      >
        {summary.submittedAt ? S.resubmit : S.submit}
      </Button>
    </Card>
  );
}
