import { DEMO_SCREENING_HEADER } from "../demo/demo-screening-data.js";

/** Screening sheets for tests: CSV text from rows, header by the names schools use. */

/** The columns of the demo's generated sheets: the names schools use. */
export const SCREENING_HEADER = DEMO_SCREENING_HEADER;

export type SheetLine = (string | number | null)[];

export const csvOf = (lines: SheetLine[], header = SCREENING_HEADER): string =>
  [header, ...lines].map((l) => l.map((c) => (c === null ? "" : String(c))).join(",")).join("\n");

/** A pupil's line: 学籍号, name, sex, birth, grade, class, height, weight, VA L/R, sph/cyl L/R, total. */
export function pupil(
  no: string,
  o: Partial<{
    name: string;
    sex: string;
    birth: string;
    grade: string;
    cls: string;
    height: number | null;
    weight: number | null;
    vaL: number | null;
    vaR: number | null;
    sphL: number | null;
    cylL: number | null;
    sphR: number | null;
    cylR: number | null;
    total: number | null;
  }> = {},
): SheetLine {
  return [
    no,
    o.name ?? "张小明",
    o.sex ?? "男",
    o.birth ?? "2015-03-10",
    o.grade ?? "三年级",
    o.cls ?? "1班",
    o.height === undefined ? 130 : o.height,
    o.weight === undefined ? 28 : o.weight,
    o.vaL === undefined ? 5.0 : o.vaL,
    o.vaR === undefined ? 5.0 : o.vaR,
    o.sphL === undefined ? 0 : o.sphL,
    o.cylL === undefined ? 0 : o.cylL,
    o.sphR === undefined ? 0 : o.sphR,
    o.cylR === undefined ? 0 : o.cylR,
    o.total === undefined ? 82 : o.total,
  ];
}

/** Two years of one pupil who became myopic: a result and a 重点关注 follow-up of the actor's school. */
export async function seedScreening(
  db: import("../db/database.js").Database,
  actor: import("../auth/actor.js").Actor,
  no = "G200000000000000001",
) {
  const { importScreening } = await import("../ledgers/screening/screening-import.js");
  const now = () => new Date("2024-11-20T02:00:00Z");
  const base = { orgId: actor.orgId, mode: "all" as const, dryRun: false, fileName: "筛查.csv" };
  await importScreening(
    db,
    actor,
    Buffer.from(csvOf([pupil(no)])),
    { ...base, year: 2023, measuredOn: "2023-10-10" },
    now,
  );
  const second = csvOf([pupil(no, { grade: "四年级", vaL: 4.8, sphL: -1 })]);
  await importScreening(db, actor, Buffer.from(second), { ...base, year: 2024, measuredOn: "2024-10-10" }, now);
  const followup = await db
    .selectFrom("screening_followups")
    .select(["id", "result_id"])
    .where("region_id", "=", actor.regionId)
    .where("org_id", "=", actor.orgId)
    .executeTakeFirstOrThrow();
  return { resultId: followup.result_id, followupId: followup.id };
}
