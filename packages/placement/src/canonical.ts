import { createHash } from "node:crypto";
import type { PlacementParams, Roster } from "./model.js";
import { normalizeText } from "./roster-rows.js";

/** Version tag hashed into the parameters: a different algorithm must never reproduce an old seed silently. */
export const ALGORITHM = "luoshi-placement/1 kplus-exchange xoshiro128**";

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Shortest round-trip decimal; the same on every engine (ECMAScript Number::toString). */
export const canonicalNumber = (n: number): string => (Object.is(n, -0) ? "0" : String(n));

/**
 * The frozen roster as published: UTF-8, LF, header `id,name,gender,<scores…>,tags,group,apart`,
 * rows sorted by id, tags and keep-apart ids sorted and joined by "|". Source row numbers are left out,
 * so re-ordering the file does not change the hash.
 */
export function canonicalRosterCsv(roster: Roster): string {
  const header = ["id", "name", "gender", ...roster.scoreNames.map((s) => `score:${s}`), "tags", "group", "apart"];
  const lines = [header.map(csvField).join(",")];
  for (const s of roster.students) {
    const cells = [
      s.id,
      s.name,
      s.gender,
      ...s.scores.map(canonicalNumber),
      s.tags.join("|"),
      s.group,
      s.apart.join("|"),
    ];
    lines.push(cells.map(csvField).join(","));
  }
  return `${lines.join("\n")}\n`;
}

/** JSON with object keys sorted by code unit at every level and no whitespace. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number") {
      if (!Number.isFinite(value)) throw new TypeError("canonicalJson: non-finite number");
      return canonicalNumber(value);
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function canonicalParams(params: PlacementParams): string {
  return canonicalJson({
    algorithm: ALGORITHM,
    classCount: params.classCount,
    capacities: params.capacities,
    restarts: params.restarts,
    teachers: params.teams,
  });
}

/** The public draw as typed on the day, in one spelling (NFKC, single spaces, trimmed). */
export const normalizeDraw = (draw: string): string => normalizeText(draw);

export interface SeedInputs {
  rosterHash: string;
  paramsHash: string;
  draw: string;
  seed: string;
}

/** seed = SHA-256(rosterHash ‖ "\n" ‖ paramsHash ‖ "\n" ‖ draw), all hashes lower-case hex. */
export function deriveSeed(roster: Roster, params: PlacementParams, draw: string): SeedInputs {
  const rosterHash = sha256Hex(canonicalRosterCsv(roster));
  const paramsHash = sha256Hex(canonicalParams(params));
  const normalized = normalizeDraw(draw);
  return { rosterHash, paramsHash, draw: normalized, seed: sha256Hex(`${rosterHash}\n${paramsHash}\n${normalized}`) };
}
