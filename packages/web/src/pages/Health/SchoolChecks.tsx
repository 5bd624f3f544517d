import { HEALTH_SLOT_LABELS } from "@luoshi/contract/ledger-vocabulary";
import { Alert, Empty, Segmented, Skeleton } from "antd";
import { useCallback, useEffect, useState } from "react";
import { ClassCheckCard } from "./ClassCheckCard";
import { type ClassChecks, healthApi } from "./health-api";
import { H } from "./labels";
import { SchoolSummaryCard } from "./SchoolSummaryCard";

/** The slot a 班主任 is most likely filling now: 晨检 before noon, 午检 after. */
const currentSlot = () => (new Date().getHours() < 12 ? "morning" : "noon");

/** A 班主任's (or the school reporter's) classes for today, one card each, for the chosen slot. */
export function SchoolChecks() {
  const [data, setData] = useState<ClassChecks | null>(null);
  const [slot, setSlot] = useState<string>(currentSlot());
  const [loads, setLoads] = useState(0);
  const load = useCallback(() => {
    void healthApi.checks().then(setData);
    setLoads((n) => n + 1);
  }, []);
  useEffect(load, [load]);
  if (!data) return <Skeleton active />;
  const slots = ["morning", "noon"] as const;
  return (
    <div>
      <div style={{ display: "flex", alignItems: "center", gap: 8, marginBottom: 8, flexWrap: "wrap" }}>
        <span>{data.date}</span>
        <Segmented
          value={slot}
          onChange={(v) => setSlot(String(v))}
          options={slots.map((s) => ({ value: s, label: HEALTH_SLOT_LABELS[s] }))}
        />
      </div>
      {data.open && <SchoolSummaryCard date={data.date} slot={slot} refresh={loads} />}
      {!data.open && <Alert type="info" showIcon title={H.noneToday} />}
      {data.open && data.classes.length === 0 && <Empty description={H.noClasses} />}
      {data.open &&
        data.classes.map((c) => (
          <ClassCheckCard
            key={`${c.id}-${slot}`}
            cls={c}
            date={data.date}
            slot={slot}
            check={data.checks.find((k) => k.classId === c.id && k.slot === slot)}
            onDone={load}
          />
        ))}
    </div>
  );
}
