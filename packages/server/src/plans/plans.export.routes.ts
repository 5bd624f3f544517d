import { FileAnswer } from "@luoshi/contract";
import type { LedgerInput } from "@luoshi/ledger-export";
import { type Actor, ALL_ROLES } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { errors, IdParams } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { planDetail } from "./plans.service.js";

async function ledgerOf(db: Database, actor: Actor, planId: string): Promise<{ title: string; doc: LedgerInput }> {
  const { plan, tasks } = await planDetail(db, actor, planId);
  const doc: LedgerInput = {
    plans: [
      {
        title: plan.title,
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
          summary: `导出任务分解表（${ext}）`,
          params: IdParams,
          response: { ...errors, 200: FileAnswer(`任务分解表（${ext}）`, [type]) },
        },
      },
      async (request, reply) => {
        const { title, doc } = await ledgerOf(deps.db, actorOf(request), request.params.id);
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
