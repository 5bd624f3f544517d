import { ErrorBody, EvidenceFile, FileAnswer } from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import { ALL_ROLES, UPLOADERS } from "../auth/actor.js";
import { camel } from "../http/camel.js";
import { errors, IdParams, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { readEvidence, storeEvidence } from "./files.service.js";
import { readUpload } from "./upload.js";

export function filesRoutes(app: App, deps: AppDeps): void {
  app.post(
    "/api/files",
    {
      config: { auth: UPLOADERS },
      schema: {
        tags: ["files"],
        summary: "上传佐证材料（multipart：file）",
        consumes: ["multipart/form-data"],
        response: withErrors({ 201: Type.Object({ file: EvidenceFile }), 413: ErrorBody, 415: ErrorBody }),
      },
    },
    async (request, reply) => {
      const upload = await readUpload(request, { fileField: "file", fields: [], maxBytes: deps.config.maxUploadBytes });
      const file = await storeEvidence(deps.db, deps.files, actorOf(request), upload);
      return reply.status(201).send({ file: camel(file) });
    },
  );

  app.get(
    "/api/files/:id",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags: ["files"],
        summary: "下载佐证材料",
        params: IdParams,
        response: { ...errors, 200: FileAnswer("文件内容（类型为上传时识别的类型）", ["application/octet-stream"]) },
      },
    },
    async (request, reply) => {
      const { file, bytes } = await readEvidence(deps.db, deps.files, actorOf(request), request.params.id);
      const encoded = encodeURIComponent(file.filename);
      return reply
        .header("content-type", file.content_type)
        .header("content-disposition", `attachment; filename="file"; filename*=UTF-8''${encoded}`)
        .header("x-content-type-options", "nosniff")
        .send(bytes);
    },
  );
}
