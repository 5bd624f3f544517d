import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { todayInShanghai } from "../progress/periods.js";
import { bureauError } from "./bureau.messages.js";
import * as repo from "./bureau.repository.js";
import {
  type DocumentKind,
  defaultLetterhead,
  formatDocNumber,
  type Letterhead,
  numberPattern,
  patternProblem,
} from "./letterhead.js";

const fromRow = (row: repo.ProfileRow): Letterhead => ({
  fullName: row.full_name,
  shortName: row.short_name,
  mark: row.mark,
  noticeNumberPattern: row.notice_number_pattern,
  bulletinNumberPattern: row.bulletin_number_pattern,
  signature: row.signature,
  contactLine: row.contact_line,
  ccLine: row.cc_line,
  printingOffice: row.printing_office,
});

/** The region's letterhead: its saved profile, else defaults drawn from its name. */
export async function letterheadOf(db: Database, regionId: string): Promise<Letterhead> {
  const row = await repo.findProfile(db, regionId);
  return row ? fromRow(row) : defaultLetterhead(await repo.regionName(db, regionId));
}

/** The profile of the actor's region as the admin page shows it, with the next number of each kind. */
export async function bureauProfile(db: Database, actor: Actor, now = new Date()) {
  const row = await repo.findProfile(db, actor.regionId);
  const profile = row ? fromRow(row) : defaultLetterhead(await repo.regionName(db, actor.regionId));
  const year = Number(todayInShanghai(now).slice(0, 4));
  const next = async (kind: DocumentKind) =>
    formatDocNumber(numberPattern(profile, kind), year, (await repo.lastSeq(db, actor.regionId, kind, year)) + 1);
  return {
    profile,
    saved: Boolean(row),
    updatedAt: row?.updated_at ?? null,
    next: { notice: await next("notice"), bulletin: await next("bulletin") },
  };
}

const TEXT_FIELDS = ["fullName", "shortName", "mark", "signature"] as const;

/** Saves the region's profile (admins only, checked by the route), audited with before and after. */
export async function saveBureauProfile(db: Database, actor: Actor | null, regionId: string, input: Letterhead) {
  const clean: Letterhead = {
    fullName: input.fullName.trim(),
    shortName: input.shortName.trim(),
    mark: input.mark.trim(),
    noticeNumberPattern: input.noticeNumberPattern.trim(),
    bulletinNumberPattern: input.bulletinNumberPattern.trim(),
    signature: input.signature.trim(),
    contactLine: input.contactLine.trim(),
    ccLine: (input.ccLine ?? "").trim(),
    printingOffice: (input.printingOffice ?? "").trim(),
  };
  if (TEXT_FIELDS.some((f) => !clean[f])) throw bureauError("BUREAU_FIELD_EMPTY");
  for (const field of ["noticeNumberPattern", "bulletinNumberPattern"] as const) {
    const problem = patternProblem(clean[field]);
    if (problem)
      throw bureauError("DOC_NUMBER_PATTERN_INVALID", { field }, `发文字号格式不正确：${problem}（${clean[field]}）`);
  }
  return db.transaction().execute(async (trx) => {
    const before = await repo.findProfile(trx, regionId);
    const saved = await repo.upsertProfile(trx, {
      region_id: regionId,
      full_name: clean.fullName,
      short_name: clean.shortName,
      mark: clean.mark,
      notice_number_pattern: clean.noticeNumberPattern,
      bulletin_number_pattern: clean.bulletinNumberPattern,
      signature: clean.signature,
      contact_line: clean.contactLine,
      cc_line: clean.ccLine ?? "",
      printing_office: clean.printingOffice ?? "",
      updated_by: actor?.userId ?? null,
    });
    await recordAudit(trx, {
      regionId,
      actorId: actor?.userId ?? null,
      entity: "bureau_profile",
      entityId: regionId,
      action: before ? "update" : "create",
      before,
      after: saved,
    });
    return fromRow(saved);
  });
}

/** A 督办单's number from its counter value. */
export async function noticeNumberOf(db: Database, regionId: string, year: number, seq: number): Promise<string> {
  return formatDocNumber((await letterheadOf(db, regionId)).noticeNumberPattern, year, seq);
}

/**
 * The 通报 of a period and its number: a regenerated bulletin keeps the number of the one it
 * replaces; a new one takes the next number of its year.
 */
export async function bulletinLetterhead(db: Database, regionId: string, period: string, year: number) {
  const letterhead = await letterheadOf(db, regionId);
  const kept = await repo.currentBulletinNumber(db, regionId, period);
  const docNo =
    kept ??
    formatDocNumber(letterhead.bulletinNumberPattern, year, await repo.nextDocumentSeq(db, regionId, "bulletin", year));
  return { letterhead, docNo };
}
