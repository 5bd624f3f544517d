import { todayInShanghai } from "../progress/periods.js";
import { schoolsOf } from "./dropout.repository.js";
import type { ReturnSource } from "./return-sources.js";
import type { ReturnSchedule } from "./returns.js";

/**
 * The school's monthly 控辍保学 return (一月一报告, ../shared/reference/dropout-and-aid.md): every
 * school, every month, by 17:00 on the month's last day, a zero return when it has no case. A
 * region may change the time or the day after the month's end in the ledger settings.
 */
export const DEFAULT_DROPOUT_SCHEDULE: ReturnSchedule = {
  periodKind: "month",
  slots: [{ slot: "", time: "17:00", afterEnd: 0 }],
  closedWeekdays: [],
  closedDays: [],
  openDays: [],
};

/**
 * Every school of the region owes the return until it is removed (not only from the day it was
 * entered in Luoshi: the county's schools exist before their accounts do).
 */
export const dropoutReturnSource: ReturnSource = {
  type: "dropout_case",
  defaultSchedule: DEFAULT_DROPOUT_SCHEDULE,
  async units(db, regionId, orgIds) {
    const rows = await schoolsOf(db, regionId, orgIds);
    return rows.map((o) => ({
      unitId: o.id,
      orgId: o.id,
      until: o.deleted_at ? todayInShanghai(new Date(o.deleted_at)) : null,
      name: o.name,
      orgName: o.name,
      responsibleId: null,
      responsibleName: null,
    }));
  },
};
