import type { Database } from "../db/database.js";
import type { NewNotification } from "../reminders/reminders.repository.js";
import { hazardStatus } from "../status/rules.js";
import { HAZARD } from "./hazard-type.js";
import { pastDeadline } from "./ledgers.repository.js";

const text = (v: unknown) => (typeof v === "string" ? v : "");

/**
 * The daily reminders' part for hazards (issue 15): each hazard red by the status engine's rule
 * (status/rules.ts hazardStatus) reminds its school once a day; a 重大 one reminds the bureau too.
 */
export async function hazardReminders(db: Database, day: string, regionIds: string[] | null) {
  const rows = await pastDeadline(db, { type: HAZARD.type, day, regionIds });
  return rows.flatMap((r): NewNotification[] => {
    const deadline = text(r.fields.deadline) || null;
    if (hazardStatus({ state: r.state, deadline }, day).status !== "overdue") return [];
    const major = r.fields.grade === "major";
    const body = `${r.org_name}：${text(r.fields.location)}，${text(r.fields.description)}（整改时限${deadline}）`;
    const to = (orgId: string): NewNotification => ({
      region_id: r.region_id,
      org_id: orgId,
      user_id: null,
      event: "overdue",
      entity_kind: "ledger_record",
      entity_id: r.id,
      title: major ? "重大隐患逾期未整改" : "隐患逾期未整改",
      body,
      delivery_key: `overdue:ledger_record:${r.id}:${day}`,
    });
    return major ? [to(r.org_id), to(r.region_id)] : [to(r.org_id)];
  });
}
