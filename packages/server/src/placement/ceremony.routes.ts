import {
  CEREMONY_FILE_KINDS,
  Ceremony,
  type CeremonyFileKind,
  CeremonySummary,
  DrawInput,
  FileAnswer,
  OneOf,
  PlacementDetail,
} from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import { ALL_ROLES, PLAN_MANAGERS } from "../auth/actor.js";
import { errors, IdParams, Page, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { CEREMONY_FILE_LABELS } from "./ceremony.messages.js";
import { presentCeremony, presentCeremonySummary } from "./ceremony.presenter.js";
import * as ceremony from "./ceremony.service.js";
import { presentPlacement } from "./placement.presenter.js";
import { placementErrors } from "./placement.routes.js";
import { COMMIT_FORM, readPlacementForm } from "./placement.upload.js";

/*
 * The lottery in three steps. Committing, drawing and running are the bureau's publishing acts
 * (PLAN_MANAGERS, as creating a run was); reading a ceremony and its notice is open to every
 * signed-in user of the region, so anyone can check the hashes before the draw.
 */
const manage = { auth: PLAN_MANAGERS };
const read = { auth: ALL_ROLES };
const tags = ["placement"];
const BASE = "/api/placements/commitments";

const FileParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  kind: OneOf(CEREMONY_FILE_KINDS),
});

const CONTENT_TYPES: Record<CeremonyFileKind, string> = {
  notice: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  commitment: "application/json; charset=utf-8",
  draw: "application/json; charset=utf-8",
};

const CeremonyAnswer = Type.Object({ commitment: Ceremony });

export function ceremonyRoutes(app: App, deps: AppDeps): void {
  app.post(
    BASE,
    {
      config: manage,
      schema: {
        tags,
        summary:
          "第一步 承诺：上传学生名单（multipart：roster，可选 teachers；字段 name、classCount、capacities、schoolId、drawPlan；补录另加 baseCommitmentId），固定名单与参数并生成摇号前公告",
        consumes: ["multipart/form-data"],
        response: { ...placementErrors, 201: CeremonyAnswer },
      },
    },
    async (request, reply) => {
      const form = await readPlacementForm(request, COMMIT_FORM);
      const row = await ceremony.commitPlacement(deps, actorOf(request), form);
      const detail = await ceremony.getCeremony(deps, actorOf(request), row.id);
      await reply.status(201).send({ commitment: presentCeremony(detail) });
    },
  );

  app.get(
    BASE,
    {
      config: read,
      schema: {
        tags,
        summary: "编班承诺列表（含摇号、编班进度）",
        querystring: Page,
        response: withErrors({ 200: Type.Object({ commitments: Type.Array(CeremonySummary) }) }),
      },
    },
    async (request) => ({
      commitments: (await ceremony.listCeremonies(deps, actorOf(request), request.query)).map(presentCeremonySummary),
    }),
  );

  app.get(
    `${BASE}/:id`,
    {
      config: read,
      schema: {
        tags,
        summary: "承诺详情：哈希、承诺时间、摇号记录与见证人、编班结果",
        params: IdParams,
        response: withErrors({ 200: CeremonyAnswer }),
      },
    },
    async (request, reply) => {
      const detail = await ceremony.getCeremony(deps, actorOf(request), request.params.id);
      await reply.send({ commitment: presentCeremony(detail) });
    },
  );

  app.get(
    `${BASE}/:id/files/:kind`,
    {
      config: read,
      schema: {
        tags,
        summary: "下载摇号前公告（docx）、承诺文件（commitment.json）或摇号记录（draw.json）",
        params: FileParams,
        response: {
          ...errors,
          200: FileAnswer("摇号前公告（docx）、承诺文件或摇号记录（json）", Object.values(CONTENT_TYPES)),
        },
      },
    },
    async (request, reply) => {
      const { id, kind } = request.params;
      const { name, bytes } = await ceremony.readCeremonyFile(deps, actorOf(request), id, kind);
      const filename = encodeURIComponent(`${name}-${CEREMONY_FILE_LABELS[kind]}`);
      await reply
        .header("content-type", CONTENT_TYPES[kind])
        .header("content-disposition", `attachment; filename="${kind}"; filename*=UTF-8''${filename}`)
        .header("x-content-type-options", "nosniff")
        .send(bytes);
    },
  );

  app.post(
    `${BASE}/:id/draw`,
    {
      config: manage,
      schema: {
        tags,
        summary: "第二步 摇号：录入公开摇号号码、来源和见证人（每份承诺只能录入一次，且在承诺之后）",
        params: IdParams,
        body: DrawInput,
        response: { ...placementErrors, 201: CeremonyAnswer },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await ceremony.drawPlacement(deps, actor, request.params.id, request.body);
      await reply
        .status(201)
        .send({ commitment: presentCeremony(await ceremony.getCeremony(deps, actor, request.params.id)) });
    },
  );

  app.post(
    `${BASE}/:id/run`,
    {
      config: manage,
      schema: {
        tags,
        summary: "第三步 编班：只用承诺的名单、参数和录入的摇号号码计算（每次摇号只能编班一次）",
        params: IdParams,
        response: { ...placementErrors, 201: Type.Object({ placement: PlacementDetail }) },
      },
    },
    async (request, reply) => {
      const { row, result } = await ceremony.runCommittedPlacement(deps, actorOf(request), request.params.id);
      await reply.status(201).send({ placement: presentPlacement({ ...row, result }) });
    },
  );
}
