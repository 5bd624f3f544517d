import { findUserByUsername } from "../auth/auth.repository.js";
import { actorFor } from "../auth/auth.service.js";
import type { Database } from "../db/database.js";
import { refreshBoundTasks } from "../ledgers/binding-refresh.js";
import { bindIndicator, planBindings } from "../ledgers/bindings.service.js";
import { isScreeningMetric } from "../ledgers/screening/rates.js";
import { importScreening } from "../ledgers/screening/screening-import.js";
import { type DemoSchoolSpec, demoScreeningDays, demoScreeningSheets } from "./demo-screening-data.js";

/**
 * The demo's student health screening (issue 17): last year's and this year's results of the
 * county's primary, junior and senior schools, imported through the real import (classification,
 * matching by 学籍号, the 重点关注 list), so the plan's bound 近视率 and 优良率 indicators show values
 * computed from them on the task page, the dashboard and the bulletins.
 */

const LEVELS: Record<string, Omit<DemoSchoolSpec, "name">> = {
  小学: { grades: [1, 6], classes: 2, pupils: 12 },
  初中: { grades: [7, 9], classes: 2, pupils: 15 },
  高中: { grades: [10, 12], classes: 2, pupils: 15 },
};

export async function seedScreeningDemo(
  db: Database,
  schools: { name: string; level: string; id: string }[],
  now: Date,
  today: string,
  planId: string,
): Promise<void> {
  const dept = await actorFor(db, (await findUserByUsername(db, "jijiao"))!);
  const admin = await actorFor(db, (await findUserByUsername(db, "admin"))!);
  const year = Number(today.slice(0, 4));
  const days = demoScreeningDays(today);
  for (const [i, school] of schools.entries()) {
    const level = LEVELS[school.level];
    if (!level) continue;
    const sheets = demoScreeningSheets({ name: school.name, ...level }, i + 1, year, days);
    for (const [y, text, measuredOn] of [
      [year - 1, sheets.previous, days.previous],
      [year, sheets.current, days.current],
    ] as const)
      await importScreening(
        db,
        dept,
        Buffer.from(text),
        { orgId: school.id, year: y, measuredOn, mode: "all", dryRun: false, fileName: `${school.name}${y}年筛查.csv` },
        () => now,
      );
  }
  // The plan's 近视率 and 优良率 targets take their values from the screening (confirmed as a person would).
  const { suggestions } = await planBindings(db, admin, planId);
  for (const s of suggestions.filter((x) => isScreeningMetric(x.metric)))
    await bindIndicator(db, admin, s.indicatorId, s.metric, () => now);
  await refreshBoundTasks(db, () => now, dept.regionId, dept.userId);
}
