import {
  FileAnswer,
  OneOf,
  PLACEMENT_FILE_KINDS,
  PlacementDetail,
  type PlacementFileKind,
  PlacementSummary,
  RevealInput,
  StudentLine,
  StudentList,
  VerifyAnswer,
} from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import { ALL_ROLES, PLAN_MANAGERS } from "../auth/actor.js";
import { ErrorBody, errors, IdParams, Page, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { personalAccess } from "../privacy/access-policy.js";
import { CEREMONY_PROBLEMS } from "./ceremony.messages.js";
import { ceremonyRoutes } from "./ceremony.routes.js";
import { FILE_LABELS } from "./placement.messages.js";
import { presentPlacement, presentPlacementSummary } from "./placement.presenter.js";
import { listStudents, revealStudent } from "./placement.privacy.js";
import { placementError } from "./placement.problem.js";
import * as placements from "./placement.service.js";
import { readPlacementForm, VERIFY_FORM } from "./placement.upload.js";

/*
 * Who may do what. Creating a run (now: commit, draw, run — ceremony.routes.ts) is a publishing act of the bureau, like publishing a plan: admin and
 * supervisor (PLAN_MANAGERS), naming the school with `schoolId`. A school_reporter does not create:
 * in the role model that role only reports progress on assigned tasks, and a school running its own
 * lottery would defeat the bureau's supervision of 均衡编班. Reading and verifying are open to every
 * signed-in user of the region: the point of a verifiable lottery is that anyone can check it.
 * The class lists are not: students' names and ids are for the school and the bureau's managers
 * (placement.privacy.ts, privacy/access-policy.ts).
 */
const create = { auth: PLAN_MANAGERS };
const read = { auth: ALL_ROLES };
const tags = ["placement"];

const FileParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  kind: OneOf(PLACEMENT_FILE_KINDS),
});

const CONTENT_TYPES: Record<PlacementFileKind, string> = {
  result: "application/json; charset=utf-8",
  classes: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  notice: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

export const placementErrors = withErrors({ 413: ErrorBody, 415: ErrorBody, 422: ErrorBody });

export function placementRoutes(app: App, deps: AppDeps): void {
  ceremonyRoutes(app, deps);
  app.post(
    "/api/placements",
    {
      config: create,
      schema: {
        tags,
        summary: "单步编班（已停用，answers 410）：请改用 承诺 → 摇号 → 编班 三步（/api/placements/commitments）",
        deprecated: true,
        response: withErrors({ 410: ErrorBody }),
      },
    },
    async () => {
      throw placementError(
        "PLACEMENT_SINGLE_STEP_RETIRED",
        410,
        undefined,
        CEREMONY_PROBLEMS.PLACEMENT_SINGLE_STEP_RETIRED,
      );
    },
  );

  app.get(
    "/api/placements",
    {
      config: read,
      schema: {
        tags,
        summary: "编班记录列表",
        querystring: Page,
        response: withErrors({ 200: Type.Object({ placements: Type.Array(PlacementSummary) }) }),
      },
    },
    async (request) => ({
      placements: (await placements.listPlacements(deps, actorOf(request), request.query)).map(presentPlacementSummary),
    }),
  );

  app.get(
    "/api/placements/:id",
    {
      config: read,
      schema: {
        tags,
        summary: "编班详情：各班统计、均衡报告、哈希与种子",
        params: IdParams,
        response: withErrors({ 200: Type.Object({ placement: PlacementDetail }) }),
      },
    },
    async (request, reply) => {
      const row = await placements.getPlacement(deps, actorOf(request), request.params.id);
      const access = personalAccess(actorOf(request), row.org_id);
      await reply.send({ placement: { ...presentPlacement(row), personalAccess: access } });
    },
  );

  app.get(
    "/api/placements/:id/students",
    {
      config: read,
      schema: {
        tags,
        summary: "分班名单（身份证号脱敏；学校与局编班管理员可见姓名，局领导与股室仅见脱敏信息，其他学校不可见）",
        params: IdParams,
        response: withErrors({ 200: StudentList }),
      },
    },
    async (request, reply) => {
      const row = await placements.getPlacement(deps, actorOf(request), request.params.id);
      await reply.send(listStudents(actorOf(request), row));
    },
  );

  app.post(
    "/api/placements/:id/students/reveal",
    {
      config: read,
      schema: {
        tags,
        summary: "显示一名学生的完整信息（仅本校与局编班管理员；记入审计日志）",
        params: IdParams,
        body: RevealInput,
        response: withErrors({ 200: Type.Object({ student: StudentLine }) }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const row = await placements.getPlacement(deps, actor, request.params.id);
      await reply.send({ student: await revealStudent(deps, actor, row, request.body) });
    },
  );

  app.get(
    "/api/placements/:id/files/:kind",
    {
      config: read,
      schema: {
        tags,
        summary: "下载编班结果（result.json）、分班名单（xlsx）或公示（docx）",
        params: FileParams,
        response: {
          ...errors,
          200: FileAnswer("编班结果（json）、分班名单（xlsx）或公示（docx）", Object.values(CONTENT_TYPES)),
        },
      },
    },
    async (request, reply) => {
      const { kind } = request.params;
      const { row, bytes } = await placements.readPlacementFile(deps, actorOf(request), request.params.id, kind);
      const filename = encodeURIComponent(`${row.name}-${FILE_LABELS[kind]}`);
      await reply
        .header("content-type", CONTENT_TYPES[kind])
        .header("content-disposition", `attachment; filename="${kind}"; filename*=UTF-8''${filename}`)
        .header("x-content-type-options", "nosniff")
        .send(bytes);
    },
  );

  app.post(
    "/api/placements/:id/verify",
    {
      config: read,
      schema: {
        tags,
        summary: "验证编班结果：按保存的输入重算；可上传 roster、teachers、result 以核对公示的结果",
        params: IdParams,
        response: { ...placementErrors, 200: VerifyAnswer },
      },
    },
    async (request, reply) => {
      const form = await readPlacementForm(request, VERIFY_FORM);
      await reply.send(await placements.verifyStoredPlacement(deps, actorOf(request), request.params.id, form));
    },
  );
}
