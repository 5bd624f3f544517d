import { type SheetSpec, tablesToXlsx } from "@luoshi/ledger-export";
import type { Kysely } from "kysely";
import type { Actor } from "../auth/actor.js";
import type { DB } from "../db/schema.js";
import { listAudit } from "./audit.repository.js";
import { ACTION_LABELS, actionLabel, ENTITY_LABELS, entityLabel } from "./audit-labels.js";
import { titleOf, titlesOf } from "./audit-titles.js";

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  action?: string;
  actorId?: string;
  /** Dates (YYYY-MM-DD, Asia/Shanghai), both days included. */
  from?: string;
  to?: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  /** The account's name, or 系统 for events without an actor (seeding, schedules, the CLI). */
  actorName: string;
  entity: string;
  entityLabel: string;
  entityId: string;
  /** The record's title where it has one (a plan's or task's title, a user's name…). */
  objectTitle: string | null;
  action: string;
  actionLabel: string;
  before: unknown;
  after: unknown;
}

const SYSTEM = "系统";
const dayStart = (d: string) => `${d}T00:00:00+08:00`;
const dayEnd = (d: string) => `${d}T23:59:59.999+08:00`;

/** A page of the audit trail in the actor's reach, in Chinese. */
export async function auditTrail(
  db: Kysely<DB>,
  actor: Actor,
  filter: AuditFilter,
  page: { limit: number; offset: number },
): Promise<AuditEntry[]> {
  const rows = await listAudit(db, {
    // Region ids are the ids of region-owning orgs; the ones the admin reaches are theirs.
    regionIds: actor.visibleOrgIds,
    entity: filter.entity,
    entityId: filter.entityId,
    action: filter.action,
    actorId: filter.actorId,
    from: filter.from ? dayStart(filter.from) : undefined,
    to: filter.to ? dayEnd(filter.to) : undefined,
    ...page,
  });
  const titles = await titlesOf(db as Kysely<unknown>, rows);
  return rows.map((r) => ({
    id: r.id,
    at: new Date(r.at as unknown as string).toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name ?? (r.actor_id ? r.actor_id : SYSTEM),
    entity: r.entity,
    entityLabel: entityLabel(r.entity),
    entityId: r.entity_id,
    objectTitle: titleOf(titles, r.entity, r.entity_id),
    action: r.action,
    actionLabel: actionLabel(r.action),
    before: r.before,
    after: r.after,
  }));
}

/** The codes the trail can be filtered by, with their labels. */
export const auditVocabulary = () => ({
  entities: Object.entries(ENTITY_LABELS).map(([code, label]) => ({ code, label })),
  actions: Object.entries(ACTION_LABELS).map(([code, label]) => ({ code, label })),
});

const shanghaiTime = (iso: string) =>
  new Intl.DateTimeFormat("zh-CN", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hour12: false,
  }).format(new Date(iso));

/** Up to this many events go into one export (the filter narrows it further). */
export const EXPORT_LIMIT = 20_000;

/** The filtered trail as a printable workbook (time in Asia/Shanghai). */
export async function auditWorkbook(db: Kysely<DB>, actor: Actor, filter: AuditFilter): Promise<Uint8Array> {
  const entries = await auditTrail(db, actor, filter, { limit: EXPORT_LIMIT, offset: 0 });
  const range = filter.from || filter.to ? `（${filter.from ?? "…"} 至 ${filter.to ?? "…"}）` : "";
  const sheet: SheetSpec = {
    name: "审计记录",
    title: `审计记录${range}`,
    header: ["序号", "时间", "操作人", "操作", "对象类型", "对象", "对象编号"],
    widths: [7, 20, 14, 12, 14, 40, 30],
    rows: entries.map((e, i) => [
      i + 1,
      shanghaiTime(e.at),
      e.actorName,
      e.actionLabel,
      e.entityLabel,
      e.objectTitle ?? "",
      e.entityId,
    ]),
  };
  return tablesToXlsx([sheet]);
}
