import { HAZARD_CATEGORY_LABELS, type HazardCategory } from "@luoshi/contract";
import type { Database } from "../db/database.js";
import { insertNotifications } from "../reminders/reminders.repository.js";
import type { Fields } from "./ledger-type.js";

/**
 * 重大隐患 escalate to the bureau automatically (issue 15): when a hazard is recorded as 重大, or
 * corrected from 一般 to 重大, the bureau (its supervisors and leaders) is told in the app, through
 * the reminders' notifications, once per hazard.
 */
export interface EscalatedHazard {
  regionId: string;
  id: string;
  orgName: string;
  fields: Fields;
}

const text = (v: unknown) => (typeof v === "string" ? v : "");

export async function escalateMajorHazards(db: Database, hazards: EscalatedHazard[], at: string) {
  const major = hazards.filter((h) => h.fields.grade === "major");
  return insertNotifications(
    db,
    major.map((h) => ({
      region_id: h.regionId,
      org_id: h.regionId,
      user_id: null,
      event: "major_hazard" as const,
      entity_kind: "ledger_record",
      entity_id: h.id,
      title: `${h.orgName}发现重大隐患`,
      body: [
        HAZARD_CATEGORY_LABELS[text(h.fields.category) as HazardCategory] ?? "",
        text(h.fields.location),
        text(h.fields.description),
      ]
        .filter(Boolean)
        .join("，"),
      delivery_key: `major_hazard:${h.id}`,
    })),
    at,
  );
}
