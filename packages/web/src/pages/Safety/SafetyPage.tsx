import { HAZARD_CATEGORY_LABELS, HAZARD_GRADE_LABELS, LEDGER_STATE_LABELS } from "@luoshi/contract/ledger-vocabulary";
import { Button, Card, List, Select, Space, Switch, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { api } from "../../api/endpoints";
import type { Org } from "../../api/types";
import { useMe } from "../../session";
import { HazardDrawer } from "./HazardDrawer";
import { T } from "./labels";
import { RoundModal } from "./RoundModal";
import { SafetyIo } from "./SafetyIo";
import { type Hazard, type HazardConfig, safetyApi } from "./safety-api";

const options = (labels: Record<string, string>) => [
  { value: "", label: T.all },
  ...Object.entries(labels).map(([value, label]) => ({ value, label })),
];
const STATE_COLOURS: Record<string, string> = {
  found: "orange",
  rectifying: "blue",
  reviewing: "purple",
  closed: "green",
};

/** 台账 · 安全隐患: the hazard ledger with filters, a round to record, each hazard's loop in a drawer. */
export default function SafetyPage() {
  const me = useMe();
  const [filter, setFilter] = useState({ orgId: "", category: "", grade: "", state: "", overdue: false });
  const [hazards, setHazards] = useState<Hazard[]>([]);
  const [schools, setSchools] = useState<Org[]>([]);
  const [config, setConfig] = useState<HazardConfig | null>(null);
  const [recording, setRecording] = useState(false);
  // A link from the warnings board or a notification opens its hazard (?hazard=id).
  const [params] = useSearchParams();
  const [openId, setOpenId] = useState<string | null>(params.get("hazard"));
  const bureauSide = me.role !== "school_reporter";

  const load = useCallback(() => {
    void safetyApi.hazards({ ...filter, overdue: filter.overdue || undefined }).then(setHazards);
  }, [filter]);
  useEffect(load, [load]);
  useEffect(() => {
    void safetyApi.config().then(setConfig);
    if (bureauSide) void api.orgs().then((orgs) => setSchools(orgs.filter((o) => o.kind === "school")));
  }, [bureauSide]);

  const set = (key: keyof typeof filter) => (value: string | boolean) => setFilter((f) => ({ ...f, [key]: value }));
  return (
    <Card
      title={T.title}
      extra={
        <Space wrap>
          <SafetyIo filter={filter} onImported={load} />
          {me.role !== "leader" && (
            <Button type="primary" onClick={() => setRecording(true)}>
              {T.record}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        {bureauSide && (
          <Select
            style={{ minWidth: 140 }}
            value={filter.orgId}
            onChange={set("orgId")}
            aria-label={T.school}
            options={[{ value: "", label: T.all }, ...schools.map((s) => ({ value: s.id, label: s.name }))]}
          />
        )}
        <Select
          style={{ minWidth: 120 }}
          value={filter.category}
          onChange={set("category")}
          aria-label={T.category}
          options={options(HAZARD_CATEGORY_LABELS)}
        />
        <Select
          style={{ minWidth: 100 }}
          value={filter.grade}
          onChange={set("grade")}
          aria-label={T.grade}
          options={options(HAZARD_GRADE_LABELS)}
        />
        <Select
          style={{ minWidth: 100 }}
          value={filter.state}
          onChange={set("state")}
          aria-label={T.state}
          options={options(LEDGER_STATE_LABELS)}
        />
        <span>
          {T.onlyOverdue} <Switch checked={filter.overdue} onChange={set("overdue")} aria-label={T.onlyOverdue} />
        </span>
      </Space>
      <List
        dataSource={hazards}
        locale={{ emptyText: T.empty }}
        renderItem={(h) => (
          <List.Item onClick={() => setOpenId(h.id)} style={{ cursor: "pointer" }} data-hazard={h.id}>
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <Tag color={STATE_COLOURS[h.state]}>{LEDGER_STATE_LABELS[h.state]}</Tag>
                  {h.overdue && <Tag color="red">{T.overdue}</Tag>}
                  {h.fields.grade === "major" && <Tag color="red">{HAZARD_GRADE_LABELS.major}</Tag>}
                  <span>{h.fields.location}</span>
                </Space>
              }
              description={`${h.orgName} · ${h.fields.category ? HAZARD_CATEGORY_LABELS[h.fields.category] : ""} · ${T.foundOn} ${h.fields.foundOn ?? ""}${h.fields.deadline ? ` · ${T.deadline} ${h.fields.deadline}` : ""}`}
            />
          </List.Item>
        )}
      />
      <RoundModal
        open={recording}
        onClose={() => setRecording(false)}
        onDone={() => {
          setRecording(false);
          load();
        }}
        schools={bureauSide ? schools : []}
        config={config}
      />
      <HazardDrawer id={openId} me={me} onClose={() => setOpenId(null)} onChanged={load} />
    </Card>
  );
}
