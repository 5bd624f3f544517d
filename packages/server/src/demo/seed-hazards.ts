import type { NewHazard, RoundKind } from "@luoshi/contract";
import type { Actor } from "../auth/actor.js";
import { findUserByUsername } from "../auth/auth.repository.js";
import { actorFor } from "../auth/auth.service.js";
import type { Database } from "../db/database.js";
import type { FileStore } from "../files/file-store.js";
import { storeEvidence } from "../files/files.service.js";
import { bindIndicator, planBindings } from "../ledgers/bindings.service.js";
import { recordRound, stepHazard } from "../ledgers/hazards.service.js";
import { addDays } from "../status/calendar.js";

/**
 * The demo's campus-safety ledger (issue 15), small and deterministic: a few schools' rounds over
 * the last weeks, hazards in every state (written off, awaiting re-inspection, under rectification
 * in time and overdue, a 重大 one just found), zero reports, and the plan's 隐患整改率 and 重大隐患
 * indicators bound to the ledger, so a newcomer sees the safety pages and the board filled.
 */

/** A 1×1 PNG: the demo's site photos. */
const PHOTO = Uint8Array.from(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
    "base64",
  ),
);

type Step = "assign" | "fix" | "close";
interface DemoHazard {
  daysAgo: number;
  kind: RoundKind;
  hazard: NewHazard;
  /** How far the loop went, each step a few days after the one before. */
  steps: Step[];
}

const fire = (location: string, description: string): NewHazard => ({
  category: "fire",
  location,
  description,
  source: "thing",
  grade: "general",
});

/** By school (the demo school first: its safety officer fixes its hazards). */
const DEMO_HAZARDS: Record<string, DemoHazard[]> = {
  青山县城关镇中心小学: [
    { daysAgo: 40, kind: "daily", hazard: fire("教学楼一楼走廊", "灭火器压力不足"), steps: ["assign", "fix", "close"] },
    {
      daysAgo: 20,
      kind: "weekly",
      hazard: { ...fire("食堂后厨", "燃气软管老化开裂"), category: "utilities", source: "thing" },
      steps: ["assign", "fix"],
    },
    {
      daysAgo: 12,
      kind: "daily",
      hazard: { ...fire("学校东门", "上下学时段门前车辆乱停"), category: "traffic", source: "management" },
      steps: ["assign"],
    },
  ],
  青山县石桥镇初级中学: [
    {
      daysAgo: 30,
      kind: "monthly",
      hazard: { ...fire("宿舍楼三楼", "安全出口指示灯损坏"), source: "thing" },
      steps: ["assign", "fix", "close"],
    },
    {
      daysAgo: 3,
      kind: "adhoc",
      hazard: {
        category: "buildings",
        location: "综合楼西侧外墙",
        description: "外墙瓷砖空鼓，有脱落风险",
        source: "thing",
        grade: "major",
      },
      steps: [],
    },
  ],
  青山县柳溪镇中心幼儿园: [
    {
      daysAgo: 5,
      kind: "daily",
      hazard: { ...fire("户外活动场", "滑梯护栏螺丝松动"), category: "buildings" },
      steps: ["assign"],
    },
  ],
};

/** Each school's zero reports: rounds that found nothing. */
const ZERO_DAYS = [2, 9, 16];

const at = (day: string) => () => new Date(`${day}T10:00:00+08:00`);

async function actorNamed(db: Database, username: string): Promise<Actor> {
  return actorFor(db, (await findUserByUsername(db, username))!);
}

export async function seedHazards(db: Database, files: FileStore, today: string, planId: string): Promise<void> {
  const admin = await actorNamed(db, "admin");
  const school = await actorNamed(db, "school");
  const reviewer = await actorNamed(db, "jijiao");
  const schools = await db
    .selectFrom("orgs")
    .select(["id", "name"])
    .where("region_id", "=", admin.regionId)
    .where("kind", "=", "school")
    .execute();
  const orgId = new Map(schools.map((s) => [s.name, s.id]));
  for (const [name, hazards] of Object.entries(DEMO_HAZARDS)) {
    const own = orgId.get(name)!;
    // The demo school's own officer records and fixes its hazards; the bureau's admin the others'.
    const officer = own === school.orgId ? school : admin;
    for (const daysAgo of ZERO_DAYS) {
      const day = addDays(today, -daysAgo);
      await recordRound(db, officer, { orgId: own, kind: "daily", heldOn: day, checklist: [], hazards: [] }, at(day));
    }
    for (const h of hazards) {
      const found = addDays(today, -h.daysAgo);
      const before = await storeEvidence(db, files, officer, { bytes: PHOTO, filename: "隐患现场.png" });
      const { hazards: made } = await recordRound(
        db,
        officer,
        {
          orgId: own,
          kind: h.kind,
          heldOn: found,
          checklist: [],
          hazards: [{ ...h.hazard, beforePhotos: [before.id] }],
        },
        at(found),
      );
      const id = made[0]!.id;
      for (const [i, step] of h.steps.entries()) {
        const day = addDays(found, 1 + i * 3);
        if (step === "assign") {
          await stepHazard(db, reviewer, id, { action: "assign", fields: {} }, at(day));
        } else if (step === "fix") {
          const after = await storeEvidence(db, files, officer, { bytes: PHOTO, filename: "整改后.png" });
          await stepHazard(db, officer, id, { action: "submit_fix", fields: { afterPhotos: [after.id] } }, at(day));
        } else {
          await stepHazard(db, reviewer, id, { action: "pass_review", fields: { reviewNote: "复查合格" } }, at(day));
        }
      }
    }
  }
  // The plan's safety targets take their values from the ledger (confirmed as a person would).
  const { suggestions } = await planBindings(db, admin, planId);
  for (const s of suggestions) await bindIndicator(db, admin, s.indicatorId, s.metric, at(today));
}
