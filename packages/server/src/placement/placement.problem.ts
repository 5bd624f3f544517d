import type { CeremonyErrorCode } from "@luoshi/placement";
import type { CeremonyProblemCode } from "./ceremony.messages.js";
import { PLACEMENT_ERRORS, type PlacementErrorCode } from "./placement.messages.js";

/**
 * A refusal of the placement endpoints with its own stable code. The shared AppError only knows the
 * server's code list; the routes turn this one into the same `{ error: { code, message, details } }`.
 */
export class PlacementProblem extends Error {
  readonly code: PlacementErrorCode | CeremonyProblemCode | CeremonyErrorCode;
  readonly statusCode: number;
  readonly details: unknown;
  constructor(code: PlacementProblem["code"], statusCode: number, message: string, details?: unknown) {
    super(message);
    this.name = "PlacementProblem";
    this.code = code;
    this.statusCode = statusCode;
    this.details = details;
  }
}

export const placementNotFound = () =>
  new PlacementProblem("PLACEMENT_NOT_FOUND", 404, PLACEMENT_ERRORS.PLACEMENT_NOT_FOUND);
