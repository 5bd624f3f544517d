import type { LedgerType } from "@luoshi/contract";
import type { Database } from "../db/database.js";
import { dropoutReturnSource } from "./dropout-source.js";
import { hazardReturnSource } from "./hazard-source.js";
import type { SchoolDayCounts } from "./health-day.repository.js";
import { healthReturnSource } from "./health-source.js";
import type { ReturnSchedule, ReturnUnit } from "./returns.js";

/**
 * The ledger types whose units owe periodic returns, and how each names its units. A new type
 * (screening, dropout checks) adds its source here; completeness, timeliness, the lists of late and
 * missing returns and the chasing of non-submitters then work for it unchanged.
 */

export interface ReturnUnitInfo extends ReturnUnit {
  name: string;
  orgName: string;
  /** Who is chased when the unit's return is missing (a class's 班主任); null: the whole unit. */
  responsibleId: string | null;
  responsibleName: string | null;
}

export interface ReturnSource {
  type: LedgerType;
  /** What the region's settings of the type fall back to (the reference's recommended defaults). */
  defaultSchedule: ReturnSchedule;
  /** The units owing returns, of some organisations only (undefined: every one of the region). */
  units(db: Database, regionId: string, orgIds?: string[]): Promise<ReturnUnitInfo[]>;
  /**
   * A daily type's day counted per school in SQL (a county's day without listing every unit), for
   * the given slots' due times, as known at `at`; optional (else the units are listed).
   */
  dayCounts?(
    db: Database,
    q: { regionId: string; orgIds?: string[]; date: string; dues: { slot: string; dueAt: string }[]; at: string },
  ): Promise<SchoolDayCounts[]>;
}

const SOURCES: Partial<Record<LedgerType, ReturnSource>> = {
  health_check: healthReturnSource,
  dropout_case: dropoutReturnSource,
  campus_hazard: hazardReturnSource,
};

export const returnSourceOf = (type: LedgerType): ReturnSource | undefined => SOURCES[type];
export const returnSources = (): ReturnSource[] => Object.values(SOURCES);
