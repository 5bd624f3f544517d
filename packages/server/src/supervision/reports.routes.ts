import { Type } from "@sinclair/typebox";
import { ALL_ROLES, LEADERS_AND_MANAGERS, PLAN_MANAGERS } from "../auth/actor.js";
import { caughtUpReader, readerOf } from "../db/replica.js";
import { AnyObject, IdParams, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { bulletinFile, generateBulletin, listBulletins } from "./bulletins.service.js";
import { clockOf } from "./deps.js";
import { evaluation, evaluationXlsx, setWeights } from "./evaluation.service.js";

const Year = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) });
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

/** Bulletins (通报) and the year-end evaluation (考核). */
export function reportsRoutes(app: App, deps: AppDeps): void {
  const now = clockOf(deps);
  app.post(
    "/api/supervision/bulletins",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags: ["supervision"],
        summary: "生成月度或季度通报（Word 正文 + Excel 附件）",
        body: Type.Object({ period: Type.String({ maxLength: 7 }) }, { additionalProperties: false }),
        response: withErrors({ 201: Type.Object({ bulletin: AnyObject }) }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const bulletin = await generateBulletin(deps.db, deps.files, {
        // Figures from the replica once it holds every write made before this request.
        reads: await caughtUpReader(deps),
        regionId: actor.regionId,
        period: request.body.period,
        actor,
        now,
      });
      return reply.status(201).send({ bulletin });
    },
  );

  app.get(
    "/api/supervision/bulletins",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags: ["supervision"],
        summary: "通报列表",
        response: withErrors({ 200: Type.Object({ bulletins: Type.Array(AnyObject) }) }),
      },
    },
    async (request) => ({ bulletins: await listBulletins(deps.db, actorOf(request)) }),
  );

  app.get(
    "/api/supervision/bulletins/:id/:format",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags: ["supervision"],
        summary: "下载通报（docx 正文或 xlsx 附件）",
        params: Type.Object({
          ...IdParams.properties,
          format: Type.Union([Type.Literal("docx"), Type.Literal("xlsx")]),
        }),
      },
    },
    async (request, reply) => {
      const { file, bytes } = await bulletinFile(
        deps.db,
        deps.files,
        actorOf(request),
        request.params.id,
        request.params.format,
      );
      return reply.type(file.content_type).header("content-disposition", attachment(file.filename)).send(bytes);
    },
  );

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
