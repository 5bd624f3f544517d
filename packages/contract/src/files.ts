import { type Static, Type } from "@sinclair/typebox";
import { Timestamp } from "./common.js";

/** An uploaded evidence file (its bytes at GET /api/files/:id). */
export const EvidenceFile = Type.Object({
  id: Type.String(),
  filename: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  orgId: Type.String(),
  createdAt: Timestamp,
});
export type EvidenceFile = Static<typeof EvidenceFile>;
