/**
 * The three-step lottery (承诺 → 摇号 → 编班) as data. Each step's record is canonical JSON whose SHA-256
 * the next step names, so the chain commitment → draw → result cannot be re-ordered or swapped.
 */

export const COMMITMENT_FORMAT = "luoshi-placement-commitment/1";
export const DRAW_FORMAT = "luoshi-placement-draw/1";
/** Results of committed runs; format 1 (`RESULT_FORMAT`) is the retired single-step run. */
export const COMMITTED_RESULT_FORMAT = "luoshi-placement-result/2";

/** A 补录 round: late students placed into the seats a published first round left free. */
export interface SupplementOf {
  /** The first round's commitment hash and result hash, as published. */
  baseCommitmentHash: string;
  baseResultHash: string;
  /** Students already placed by the first round, per class (class i at index i − 1). */
  baseSizes: number[];
}

/** Step 1, published before the draw: what is frozen (as hashes) and when. */
export interface Commitment {
  format: typeof COMMITMENT_FORMAT;
  algorithm: string;
  name: string;
  organization: string;
  rosterHash: string;
  paramsHash: string;
  studentCount: number;
  classCount: number;
  capacities: number[];
  restarts: number;
  teacherTeams: number;
  /** How and when the public draw numbers will be produced, as announced (free text). */
  drawPlan: string;
  /** ISO 8601, UTC, milliseconds. */
  committedAt: string;
  supplementOf?: SupplementOf;
}

export interface Witness {
  name: string;
  /** e.g. 家长代表, 纪检监察, 人大代表, 公证员 */
  role: string;
}

/** Step 2, entered once after the commitment. */
export interface DrawRecord {
  format: typeof DRAW_FORMAT;
  commitmentHash: string;
  /** The public numbers, normalised as `normalizeDraw`. */
  draw: string;
  /** Where the numbers come from (e.g. 福彩3D 第2025220期 / 家长代表现场书写). */
  source: string;
  witnesses: Witness[];
  drawnAt: string;
}

/** What a committed result names besides the seed's hashes. */
export interface CommittedInputs {
  commitmentHash: string;
  committedAt: string;
  drawHash: string;
  drawnAt: string;
  supplementOf: SupplementOf;
}

/** A record as stored and published: the object, its canonical text and the text's SHA-256. */
export interface Sealed<T> {
  record: T;
  text: string;
  hash: string;
}

/** One line of a verification: what was checked, whether it held, in Chinese. */
export interface CeremonyCheck {
  key: "commitment" | "roster" | "params" | "draw" | "order" | "supplement" | "result";
  ok: boolean;
  text: string;
}
