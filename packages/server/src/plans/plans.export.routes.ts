import { FileAnswer, LedgerExportQuery } from "@luoshi/contract";
import type { LedgerInput } from "@luoshi/ledger-export";
import { type Actor, ALL_ROLES } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { errors, IdParams } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { todayInShanghai } from "../progress/periods.js";
import { findTasks, type TaskFilter } from "../queries/queries.service.js";
import { clockOf } from "../supervision/deps.js";
import { planDetail } from "./plans.service.js";

/**
 * The plan's ledger; with any of the ledger page's filters, only the tasks the page shows, and the
 * title says so (a printed page must not pass for the whole ledger).
 */
async function ledgerOf(
  db: Database,
  actor: Actor,
  planId: string,
  filter: Omit<TaskFilter, "planId" | "mine">,
  today: string,
): Promise<{ title: string; doc: LedgerInput }> {
  const { plan, tasks: all } = await planDetail(db, actor, planId);
  const filtered = Object.values(filter).some((v) => v !== undefined && v !== false && v !== "");
  const shown = filtered
    ? new Set((await findTasks(db, actor, { ...filter, planId }, { today })).map((t) => t.id))
    : null;
  const tasks = shown ? all.filter((t) => shown.has(t.id)) : all;
  const doc: LedgerInput = {
    plans: [
      {
        title: shown ? `${plan.title}（筛选结果，共${tasks.length}项）` : plan.title,
        year: plan.year,
        tasks: tasks.map((t) => ({
          no: t.no,
          path: t.path,
          title: t.title,
          units: t.units,
          leadCount: t.lead_count,
          deadlines: t.deadlines,
          targets: t.targets,
          body: t.body,
          measures: t.measures,
        })),
      },
    ],
  };
  return { title: plan.title, doc };
}

const FORMATS = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
} as const;

/** The task ledger (任务分解表) of a plan, as a workbook or a Word document. */
export function plansExportRoutes(app: App, deps: AppDeps): void {
  for (const [ext, type] of Object.entries(FORMATS) as [keyof typeof FORMATS, string][]) {
    app.get(
      `/api/plans/:id/export.${ext}`,
      {
        config: { auth: ALL_ROLES },
        schema: {
          tags: ["plans"],
          summary: `导出任务分解表（${ext}），可按台账页的筛选条件只导出筛选结果`,
          params: IdParams,
          querystring: LedgerExportQuery,
          response: { ...errors, 200: FileAnswer(`任务分解表（${ext}）`, [type]) },
        },
      },
      async (request, reply) => {
        const { title, doc } = await ledgerOf(
          deps.db,
          actorOf(request),
          request.params.id,
          request.query,
          todayInShanghai(clockOf(deps)()),
        );
        // A 1,000-task ledger takes a second of CPU to render: on a worker, not the event loop.
        const bytes = await deps.work.renderLedger(ext, doc);
        const name = encodeURIComponent(`${title}任务分解表.${ext}`);
        return reply
          .header("content-type", type)
          .header("content-disposition", `attachment; filename="ledger.${ext}"; filename*=UTF-8''${name}`)
          .send(Buffer.from(bytes));
      },
    );
  }
}
