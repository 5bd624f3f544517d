import {
  HAZARD_CATEGORIES,
  type HazardConfig,
  type HazardStep,
  LEDGER_METRIC_TYPE,
  LEDGER_METRICS,
  type LedgerAction,
  type LedgerMetric,
  type NewRound,
} from "@luoshi/contract";
import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { forbidden } from "../errors.js";
import { findVisibleFiles } from "../files/files.repository.js";
import { newId } from "../ids.js";
import { todayInShanghai } from "../progress/periods.js";
import { hazardStatus } from "../status/rules.js";
import { DEFAULT_CHECKLISTS } from "./checklists.js";
import type { Changes } from "./fields.js";
import { escalateMajorHazards } from "./hazard-escalation.js";
import { hazardMetric, type MetricValue } from "./hazard-metrics.js";
import { recordDailyRoundReturn } from "./hazard-source.js";
import { DEFAULT_HAZARD_SETTINGS, HAZARD } from "./hazard-type.js";
import { hazardsAsOf } from "./hazards-as-of.js";
import {
  assertReads,
  assertWrites,
  LEDGER_ASSIGNERS,
  LEDGER_WRITERS,
  ledgerPersonalAccess,
  orgScope,
} from "./ledger-access.js";
import { ledgerError } from "./ledger-errors.js";
import { presentHistory, revealRecord } from "./ledger-mask.js";
import { writeAuditedSettings } from "./ledger-settings.js";
import type { Fields, LedgerRecordState } from "./ledger-type.js";
import * as repo from "./ledgers.repository.js";
import { maskChanges as maskPersonalChanges, maskFields as maskPersonalFields } from "./personal-mask.js";
import { correct, createRecord, type Outcome, step } from "./workflow.js";

/**
 * The campus safety hazard ledger: rounds that record hazards (or none), the loop 整改 → 复查 → 销号,
 * corrections, reveals of personal fields, settings and the computed indicators. Every change is one
 * transaction: the record, its history entry and the audit event land together or not at all.
 */

export type Clock = () => Date;
const TYPE = HAZARD.type;

/** The audit action of each history action (assign is taken: 分配责任单位). */
const AUDIT_ACTION: Partial<Record<LedgerAction, string>> = {
  record: "create",
  assign: "assign_rectification",
  submit_fix: "submit_fix",
  pass_review: "pass_review",
  fail_review: "fail_review",
  correct: "correct",
};

// --- settings -----------------------------------------------------------------------------------

export async function hazardConfig(db: Database, regionId: string): Promise<HazardConfig> {
  const stored = (await repo.readSettings(db, regionId, TYPE)) as Partial<HazardConfig> | null;
  return {
    deadlineDays: stored?.deadlineDays ?? DEFAULT_HAZARD_SETTINGS.deadlineDays,
    checklists: stored?.checklists ?? (DEFAULT_CHECKLISTS as Record<string, string[]>),
  };
}

export async function saveHazardConfig(db: Database, actor: Actor, config: HazardConfig, now: Clock) {
  if (!LEDGER_ASSIGNERS.includes(actor.role)) throw forbidden();
  const unknown = Object.keys(config.checklists).filter((c) => !(HAZARD_CATEGORIES as readonly string[]).includes(c));
  if (unknown.length > 0) throw ledgerError("ROUND_CATEGORY_UNKNOWN", 400, { categories: unknown });
  await db.transaction().execute(async (trx) => {
    const before = await hazardConfig(trx, actor.regionId);
    await writeAuditedSettings(trx, actor, TYPE, { settings: config, before, after: config, at: now().toISOString() });
  });
  return config;
}

// --- presenting ---------------------------------------------------------------------------------

const maskFields = (fields: Fields): Fields => maskPersonalFields(HAZARD, fields);
const maskChanges = (changes: Changes): Changes => maskPersonalChanges(HAZARD, changes);

type RecordRow = NonNullable<Awaited<ReturnType<typeof repo.findRecord>>>;
const PEOPLE_FIELDS = ["responsibleId", "fixedBy", "reviewedBy"];

async function present(db: Database, rows: RecordRow[], today: string) {
  const ids = [
    ...new Set(rows.flatMap((r) => PEOPLE_FIELDS.map((f) => r.fields[f]).filter((v) => typeof v === "string"))),
  ];
  const names = await repo.userNames(db, rows[0]?.region_id ?? "", ids as string[]);
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    state: r.state,
    fields: maskFields(r.fields),
    overdue:
      hazardStatus(
        { state: r.state, deadline: typeof r.fields.deadline === "string" ? r.fields.deadline : null },
        today,
      ).status === "overdue",
    version: r.version,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    people: Object.fromEntries(
      PEOPLE_FIELDS.flatMap((f) => {
        const id = r.fields[f];
        return typeof id === "string" && names.has(id) ? [[id, names.get(id)!]] : [];
      }),
    ),
  }));
}

// --- reading ------------------------------------------------------------------------------------

export interface HazardFilter {
  orgId?: string;
  category?: string;
  grade?: string;
  state?: string;
  overdue?: boolean;
  foundFrom?: string;
  foundTo?: string;
  limit: number;
  offset: number;
}

export async function listHazards(db: Database, actor: Actor, filter: HazardFilter, now: Clock) {
  const today = todayInShanghai(now());
  const orgIds = orgScope(actor, filter.orgId);
  const rows = await repo.listRecords(db, {
    regionId: actor.regionId,
    type: TYPE,
    ...(orgIds ? { orgIds } : {}),
    ...(filter.state ? { states: [filter.state] } : {}),
    fieldEquals: {
      ...(filter.category ? { category: filter.category } : {}),
      ...(filter.grade ? { grade: filter.grade } : {}),
    },
    ...(filter.foundFrom ? { foundFrom: filter.foundFrom } : {}),
    ...(filter.foundTo ? { foundTo: filter.foundTo } : {}),
    ...(filter.overdue ? { overdueOn: today } : {}),
    limit: filter.limit,
    offset: filter.offset,
  });
  return present(db, rows, today);
}

async function readable(db: Database, actor: Actor, id: string) {
  const row = await repo.findRecord(db, { regionId: actor.regionId, id }, TYPE);
  assertReads(actor, row);
  return row;
}

export async function hazardDetail(db: Database, actor: Actor, id: string, now: Clock) {
  const row = await readable(db, actor, id);
  const [hazard] = await present(db, [row], todayInShanghai(now()));
  const history = await repo.historyOf(db, { regionId: actor.regionId, id });
  return {
    ...hazard!,
    history: presentHistory(HAZARD, history),
  };
}

/** The record's personal fields in clear, for those the policy lets see them; audited. */
export async function revealHazard(db: Database, actor: Actor, id: string) {
  const row = await readable(db, actor, id);
  if (ledgerPersonalAccess(actor, row) !== "clear") throw forbidden();
  return revealRecord(db, HAZARD, actor, id, row.fields);
}

// --- changing -----------------------------------------------------------------------------------

/** Users and files the fields name must exist in the region and be the actor's to use. */
async function checkReferences(db: Database, actor: Actor, input: Fields): Promise<void> {
  if (
    typeof input.responsibleId === "string" &&
    !(await repo.activeUserExists(db, actor.regionId, input.responsibleId))
  )
    throw ledgerError("RESPONSIBLE_NOT_FOUND", 400);
  const files = [
    ...new Set(
      Object.entries(input).flatMap(([k, v]) => (HAZARD.fields[k]?.kind === "files" && Array.isArray(v) ? v : [])),
    ),
  ];
  if (files.length > 0 && (await findVisibleFiles(db, actor, files)).length !== files.length)
    throw ledgerError("EVIDENCE_NOT_FOUND", 400);
}

async function writeOutcome(
  trx: Database,
  actor: Actor,
  key: repo.RecordKey,
  version: number,
  before: LedgerRecordState | null,
  outcome: Outcome,
  at: string,
) {
  await repo.appendChange(trx, key, version, outcome.record, outcome.entry, actor.userId, at);
  await recordAudit(trx, {
    regionId: key.regionId,
    actorId: actor.userId,
    entity: "ledger_record",
    entityId: key.id,
    action: AUDIT_ACTION[outcome.entry.action] ?? outcome.entry.action,
    before: before ? { state: before.state, fields: maskFields(before.fields) } : undefined,
    after: { state: outcome.record.state, changes: maskChanges(outcome.entry.changes), note: outcome.entry.note },
  });
}

/** Records a round at a school with the hazards it found (none: the zero report). */
export async function recordRound(db: Database, actor: Actor, input: NewRound, now: Clock) {
  if (!LEDGER_WRITERS.includes(actor.role)) throw forbidden();
  const orgId = input.orgId ?? actor.orgId;
  const org = await repo.orgOf(db, actor.regionId, orgId);
  if (!org) throw ledgerError("LEDGER_RECORD_NOT_FOUND", 404);
  assertReads(actor, { region_id: actor.regionId, org_id: org.id });
  if (org.kind !== "school") throw ledgerError("LEDGER_ORG_NOT_SCHOOL", 400);
  const outcomes = input.hazards.map((h) => createRecord(HAZARD, { foundOn: input.heldOn, ...h } as Fields));
  for (const h of input.hazards) await checkReferences(db, actor, h as Fields);
  const at = now().toISOString();
  const roundId = newId();
  const ids = await db.transaction().execute(async (trx) => {
    const round = await repo.insertRound(trx, {
      regionId: actor.regionId,
      id: roundId,
      type: TYPE,
      orgId,
      kind: input.kind,
      heldOn: input.heldOn,
      checklist: input.checklist,
      hazardCount: input.hazards.length,
      note: input.note ?? null,
      actorId: actor.userId,
      at,
    });
    await recordAudit(trx, {
      regionId: actor.regionId,
      actorId: actor.userId,
      entity: "ledger_round",
      entityId: roundId,
      action: "create",
      after: round,
    });
    if (input.kind === "daily") {
      const day = { regionId: actor.regionId, orgId, heldOn: input.heldOn, roundId, actorId: actor.userId, at };
      await recordDailyRoundReturn(trx, { ...day, hazardCount: input.hazards.length });
    }
    const created: string[] = [];
    for (const outcome of outcomes) {
      const id = newId();
      const withRound: Outcome = {
        record: { ...outcome.record, fields: { ...outcome.record.fields, roundId } },
        entry: { ...outcome.entry, changes: { ...outcome.entry.changes, roundId: { from: null, to: roundId } } },
      };
      const key = { regionId: actor.regionId, id };
      await repo.insertRecord(trx, { ...key, type: TYPE, orgId, actorId: actor.userId, at }, withRound.record);
      await writeOutcome(trx, actor, key, 0, null, withRound, at);
      created.push(id);
    }
    await escalateMajorHazards(
      trx,
      outcomes.map((o, i) => ({
        regionId: actor.regionId,
        id: created[i]!,
        orgName: org.name,
        fields: o.record.fields,
      })),
      at,
    );
    return created;
  });
  const [round] = await repo.listRounds(db, {
    regionId: actor.regionId,
    type: TYPE,
    id: roundId,
    limit: 1,
    offset: 0,
  });
  const hazards = await Promise.all(ids.map((id) => hazardDetail(db, actor, id, now)));
  return { round: presentRound(round!), hazards };
}

/** Runs a change on the locked record: the workflow decides, then the record, history and audit are written. */
async function change(
  db: Database,
  actor: Actor,
  id: string,
  now: Clock,
  decide: (current: LedgerRecordState, today: string, settings: Record<string, unknown>) => Outcome,
) {
  const at = now().toISOString();
  const today = todayInShanghai(now());
  const settings = await hazardConfig(db, actor.regionId);
  await db.transaction().execute(async (trx) => {
    const key = { regionId: actor.regionId, id };
    const row = await repo.lockRecord(trx, key, TYPE);
    assertReads(actor, row);
    const current = { state: row.state, fields: row.fields };
    const outcome = decide(current, today, settings);
    await writeOutcome(trx, actor, key, row.version, current, outcome, at);
    if (current.fields.grade !== "major") {
      const orgName = (await repo.orgOf(trx, actor.regionId, row.org_id))?.name ?? "";
      await escalateMajorHazards(trx, [{ ...key, orgName, fields: outcome.record.fields }], at);
    }
  });
  return hazardDetail(db, actor, id, now);
}

export async function stepHazard(db: Database, actor: Actor, id: string, input: HazardStep, now: Clock) {
  const row = await readable(db, actor, id);
  assertWrites(actor, row, input.action === "assign" ? LEDGER_ASSIGNERS : LEDGER_WRITERS);
  // The responsible person defaults to whoever recorded the hazard (the school's safety officer).
  const fields: Fields =
    input.action === "assign" && !("responsibleId" in input.fields)
      ? { ...input.fields, responsibleId: row.created_by }
      : (input.fields as Fields);
  await checkReferences(db, actor, fields);
  return change(db, actor, id, now, (current, today, settings) =>
    step(HAZARD, current, input.action, fields, { actorId: actor.userId, today, settings }, input.note ?? null),
  );
}

export async function correctHazard(
  db: Database,
  actor: Actor,
  id: string,
  input: { fields: Fields; note: string },
  now: Clock,
) {
  const row = await readable(db, actor, id);
  assertWrites(actor, row);
  await checkReferences(db, actor, input.fields);
  return change(db, actor, id, now, (current) => correct(HAZARD, current, input.fields, input.note));
}

// --- rounds -------------------------------------------------------------------------------------

type RoundRow = Awaited<ReturnType<typeof repo.listRounds>>[number];
function presentRound(r: RoundRow) {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    kind: r.kind,
    heldOn: r.held_on,
    checklist: r.checklist,
    hazardCount: r.hazard_count,
    zeroReport: r.hazard_count === 0,
    note: r.note,
    recordedBy: r.recorded_by,
    recordedByName: r.recorded_by_name,
    recordedAt: r.recorded_at,
  };
}

export async function listRounds(
  db: Database,
  actor: Actor,
  filter: { orgId?: string; from?: string; to?: string; limit: number; offset: number },
) {
  const orgIds = orgScope(actor, filter.orgId);
  const rows = await repo.listRounds(db, {
    regionId: actor.regionId,
    type: TYPE,
    ...(orgIds ? { orgIds } : {}),
    ...(filter.from ? { from: filter.from } : {}),
    ...(filter.to ? { to: filter.to } : {}),
    limit: filter.limit,
    offset: filter.offset,
  });
  return rows.map(presentRound);
}

// --- indicators ---------------------------------------------------------------------------------

export async function hazardIndicators(
  db: Database,
  actor: Actor,
  q: { from: string; to: string; asOf?: string; orgId?: string },
  now: Clock,
): Promise<{ from: string; to: string; asOf: string; metrics: MetricValue[] }> {
  const asOf = q.asOf ?? todayInShanghai(now());
  const orgIds = orgScope(actor, q.orgId);
  const records = await hazardsAsOf(db, actor.regionId, asOf, orgIds);
  return {
    from: q.from,
    to: q.to,
    asOf,
    metrics: (LEDGER_METRICS as readonly LedgerMetric[])
      .filter((m) => LEDGER_METRIC_TYPE[m] === TYPE)
      .map((m) => hazardMetric(m, records, q)),
  };
}
