import { todayInShanghai } from "../progress/periods.js";
import { healthDayCounts } from "./health-day.repository.js";
import type { ReturnSource } from "./return-sources.js";
import type { ReturnSchedule } from "./returns.js";
import { listClasses } from "./school-classes.repository.js";

/**
 * The daily class check's return schedule (../shared/reference/school-infectious-disease-reporting.md,
 * "日报告 / 零报告"): every class, every school day, after 晨检 by 09:00 and after 午检 by 14:30;
 * weekends closed. Each region may change it (and list its holidays) in the ledger settings.
 */
export const DEFAULT_HEALTH_SCHEDULE: ReturnSchedule = {
  periodKind: "day",
  slots: [
    { slot: "morning", time: "09:00", afterEnd: 0 },
    { slot: "noon", time: "14:30", afterEnd: 0 },
  ],
  closedWeekdays: [6, 7],
  closedDays: [],
  openDays: [],
};

/** Classes owe the class check from the day they were created until the day they were removed. */
export const healthReturnSource: ReturnSource = {
  type: "health_check",
  defaultSchedule: DEFAULT_HEALTH_SCHEDULE,
  async units(db, regionId, orgIds) {
    const rows = await listClasses(db, { regionId, ...(orgIds ? { orgIds } : {}), withRemoved: true });
    return rows.map((c) => ({
      unitId: c.id,
      orgId: c.org_id,
      since: todayInShanghai(new Date(c.created_at)),
      until: c.deleted_at ? todayInShanghai(new Date(c.deleted_at)) : null,
      name: c.name,
      orgName: c.org_name,
      responsibleId: c.head_teacher_id,
      responsibleName: c.head_teacher_name,
    }));
  },
  dayCounts: healthDayCounts,
};
