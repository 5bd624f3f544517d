import { ErrorBody, EvidenceFile, FileAnswer } from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import { ALL_ROLES, UPLOADERS } from "../auth/actor.js";
import { camel } from "../http/camel.js";
import { errors, IdParams, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { readEvidence, storeEvidence } from "./files.service.js";
import { readUpload } from "./upload.js";

/** The types a browser shows by itself without running anything from the file: pictures and PDF. */
export const PREVIEWABLE = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"]);

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
        summary: "下载佐证材料（inline=true：图片和 PDF 在页面内预览）",
        params: IdParams,
        querystring: Type.Object({ inline: Type.Optional(Type.Boolean()) }),
        response: { ...errors, 200: FileAnswer("文件内容（类型为上传时识别的类型）", ["application/octet-stream"]) },
      },
    },
    async (request, reply) => {
      const { file, bytes } = await readEvidence(deps.db, deps.files, actorOf(request), request.params.id);
      const encoded = encodeURIComponent(file.filename);
      const inline = request.query.inline === true && PREVIEWABLE.has(file.content_type);
      if (inline) {
        // Shown in the app's preview frame: framed by this site only, running nothing of its own.
        reply
          .header(
            "content-security-policy",
            "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'",
          )
          .header("x-frame-options", "SAMEORIGIN");
      }
      return reply
        .header("content-type", file.content_type)
        .header(
          "content-disposition",
          `${inline ? "inline" : "attachment"}; filename="file"; filename*=UTF-8''${encoded}`,
        )
        .header("x-content-type-options", "nosniff")
        .send(bytes);
    },
  );
}
