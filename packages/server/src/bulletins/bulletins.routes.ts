import { BULLETIN_FORMATS, Bulletin, BulletinInput, FileAnswer, OneOf } from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import { ALL_ROLES, PLAN_MANAGERS } from "../auth/actor.js";
import { caughtUpReader } from "../db/replica.js";
import { camel } from "../http/camel.js";
import { attachment } from "../http/file-reply.js";
import { errors, IdParams, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { clockOf } from "../supervision/deps.js";
import { bulletinFile, DOCX, generateBulletin, listBulletins, XLSX } from "./bulletins.service.js";

/** Content-Disposition for a download with a Chinese file name. */

/** Bulletins (通报): generate for a period, list, download. */
export function bulletinsRoutes(app: App, deps: AppDeps): void {
  const now = clockOf(deps);
  app.post(
    "/api/supervision/bulletins",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags: ["supervision"],
        summary: "生成月度或季度通报（Word 正文 + Excel 附件）",
        body: BulletinInput,
        response: withErrors({ 201: Type.Object({ bulletin: Bulletin }) }),
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
      return reply.status(201).send({ bulletin: camel(bulletin) });
    },
  );

  app.get(
    "/api/supervision/bulletins",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags: ["supervision"],
        summary: "通报列表",
        response: withErrors({ 200: Type.Object({ bulletins: Type.Array(Bulletin) }) }),
      },
    },
    async (request) => ({ bulletins: (await listBulletins(deps.db, actorOf(request))).map(camel) }),
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
          format: OneOf(BULLETIN_FORMATS),
        }),
        response: { ...errors, 200: FileAnswer("通报正文（docx）或附件（xlsx）", [DOCX, XLSX]) },
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
}
