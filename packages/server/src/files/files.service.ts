import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { notFound } from "../errors.js";
import { newId } from "../ids.js";
import type { FileStore } from "./file-store.js";
import { findVisibleFiles, insertFile } from "./files.repository.js";
import { fileTypeRefused } from "./rejection.js";
import { sniffAllowed } from "./sniff.js";

/** Stores an evidence file by content; the bytes must be what the name says they are. */
export async function storeEvidence(
  db: Database,
  store: FileStore,
  actor: Actor,
  upload: { bytes: Uint8Array; filename: string },
) {
  const sniffed = sniffAllowed(upload.bytes, upload.filename);
  if (!sniffed) throw fileTypeRefused(upload.bytes, upload.filename);
  const sha = await store.put(upload.bytes);
  return db.transaction().execute(async (trx) => {
    const file = await insertFile(trx, {
      region_id: actor.regionId,
      id: newId(),
      sha256: sha,
      filename: upload.filename,
      content_type: sniffed.mime,
      size: upload.bytes.length,
      org_id: actor.orgId,
      uploaded_by: actor.userId,
    });
    await recordAudit(trx, {
      regionId: actor.regionId,
      actorId: actor.userId,
      entity: "file",
      entityId: file.id,
      action: "create",
      after: file,
    });
    return file;
  });
}

export async function readEvidence(db: Database, store: FileStore, actor: Actor, id: string) {
  const [file] = await findVisibleFiles(db, actor, [id]);
  if (!file) throw notFound("FILE_NOT_FOUND");
  return { file, bytes: await store.get(file.sha256) };
}
