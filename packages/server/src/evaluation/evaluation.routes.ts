import { Type } from "@sinclair/typebox";
import { LEADERS_AND_MANAGERS, PLAN_MANAGERS } from "../auth/actor.js";
import { attachment } from "../bulletins/bulletins.routes.js";
import { readerOf } from "../db/replica.js";
import { AnyObject, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { clockOf } from "../supervision/deps.js";
import { evaluation, evaluationXlsx, setWeights } from "./evaluation.service.js";

const Year = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) });
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The year-end evaluation (考核): scores with their raw facts, the xlsx, the weights. */
export function evaluationRoutes(app: App, deps: AppDeps): void {
  const now = clockOf(deps);
  app.get(
    "/api/supervision/evaluation",
    {
      config: { auth: LEADERS_AND_MANAGERS },
      schema: {
        tags: ["supervision"],
        summary: "年度考核：各单位得分、排名及得分构成",
        querystring: Year,
        response: withErrors({ 200: AnyObject }),
      },
    },
    async (request) => evaluation(readerOf(deps), actorOf(request), request.query.year, now),
  );

  app.get(
    "/api/supervision/evaluation/export.xlsx",
    {
      config: { auth: LEADERS_AND_MANAGERS },
      schema: { tags: ["supervision"], summary: "导出年度考核结果（Excel）", querystring: Year },
    },
    async (request, reply) => {
      const bytes = await evaluationXlsx(readerOf(deps), actorOf(request), request.query.year, now);
      return reply
        .type(XLSX)
        .header("content-disposition", attachment(`${request.query.year}年度考核.xlsx`))
        .send(Buffer.from(bytes));
    },
  );

  app.put(
    "/api/supervision/evaluation/weights",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags: ["supervision"],
        summary: "设置年度考核权重",
        body: Type.Object(
          {
            year: Type.Integer({ minimum: 2000, maximum: 2100 }),
            completion: Type.Number({ minimum: 0, maximum: 100 }),
            timeliness: Type.Number({ minimum: 0, maximum: 100 }),
            attainment: Type.Number({ minimum: 0, maximum: 100 }),
            noticePenalty: Type.Number({ minimum: 0, maximum: 100 }),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Type.Object({ weights: AnyObject }) }),
      },
    },
    async (request) => {
      const { year, ...weights } = request.body;
      return { weights: await setWeights(deps.db, actorOf(request), year, weights) };
    },
  );
}
