import {
  formatIssue,
  isPlacementInputError,
  type PlacementParams,
  preparePlacement,
  type Roster,
  tableFromBytes,
  verifyPlacement,
} from "@luoshi/placement";
import { readUserFile } from "../files.js";
import { CliError, type CliIO } from "../io.js";
import { placementMsg as msg } from "./placement-messages.js";

/**
 * Reading the inputs, and verifying a retired single-step result (旧版/未承诺); loaded only when a
 * placement command runs (the library is heavy). The three steps are in placement-ceremony.ts.
 */
export interface InputFlags {
  students: string;
  classes: number;
  capacity?: number;
  capacities?: number[];
  teachers?: string;
  draw: string;
}

export interface VerifyFlags extends InputFlags {
  result: string;
}

/** 成文日期 today in Asia/Shanghai, as GB/T 9704 writes it: 2025年8月20日. */
export { noticeDate as todayInShanghai } from "@luoshi/placement";

/** Reads and validates the published inputs; every row problem becomes one exit-1 message. */
export async function loadInputs(flags: InputFlags): Promise<{ roster: Roster; params: PlacementParams }> {
  const table = async (path: string) => tableFromBytes(await readUserFile(path), path);
  const students = await table(flags.students);
  const teachers = flags.teachers ? await table(flags.teachers) : undefined;
  try {
    return preparePlacement({
      students,
      ...(teachers ? { teachers } : {}),
      classCount: flags.classes,
      ...(flags.capacity !== undefined ? { capacity: flags.capacity } : {}),
      ...(flags.capacities !== undefined ? { capacities: flags.capacities } : {}),
    });
  } catch (error) {
    throw asCliError(error);
  }
}

export function asCliError(error: unknown): unknown {
  if (!isPlacementInputError(error)) return error;
  return new CliError(1, msg.inputErrors(error.issues.length, error.issues.map(formatIssue).join("\n")));
}

export async function verifyCommand(flags: VerifyFlags, io: CliIO): Promise<void> {
  const { roster, params } = await loadInputs(flags);
  const published = new TextDecoder().decode(await readUserFile(flags.result));
  const outcome = verifyPlacement(roster, params, flags.draw, published);
  if (!outcome.ok) throw new CliError(1, msg.verifyFailed(outcome.reasons));
  io.stdout.write(`${msg.verifyOk(outcome.run.resultHash)}\n${msg.legacy}\n`);
}
