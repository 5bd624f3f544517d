import { Evaluation, EvaluationQuery, EvaluationWeights, EvaluationWeightsInput, FileAnswer } from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import { LEADERS_AND_MANAGERS, PLAN_MANAGERS } from "../auth/actor.js";
import { XLSX } from "../bulletins/bulletins.service.js";
import { readerOf } from "../db/replica.js";
import { attachment } from "../http/file-reply.js";
import { errors, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { clockOf } from "../supervision/deps.js";
import { evaluation, evaluationXlsx, setWeights } from "./evaluation.service.js";

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
        querystring: EvaluationQuery,
        response: withErrors({ 200: Evaluation }),
      },
    },
    async (request) => evaluation(readerOf(deps), actorOf(request), request.query.year, now),
  );

  app.get(
    "/api/supervision/evaluation/export.xlsx",
    {
      config: { auth: LEADERS_AND_MANAGERS },
      schema: {
        tags: ["supervision"],
        summary: "导出年度考核结果（Excel）",
        querystring: EvaluationQuery,
        response: { ...errors, 200: FileAnswer("年度考核结果", [XLSX]) },
      },
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
        body: EvaluationWeightsInput,
        response: withErrors({ 200: Type.Object({ weights: EvaluationWeights }) }),
      },
    },
    async (request) => {
      const { year, ...weights } = request.body;
      return { weights: await setWeights(deps.db, actorOf(request), year, weights) };
    },
  );
}
