import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  balanceLines,
  classListsXlsx,
  formatIssue,
  hashLines,
  isPlacementInputError,
  noticeDate,
  type PlacementParams,
  preparePlacement,
  publicNoticeDocx,
  type Roster,
  runPlacement,
  tableFromBytes,
  verifyPlacement,
} from "@luoshi/placement";
import { readUserFile } from "../files.js";
import { CliError, type CliIO } from "../io.js";
import { placementMsg as msg } from "./placement-messages.js";

/** What `luoshi placement run|verify` do; loaded only when one of them runs (the library is heavy). */
export interface InputFlags {
  students: string;
  classes: number;
  capacity?: number;
  capacities?: number[];
  teachers?: string;
  draw: string;
}

export interface RunFlags extends InputFlags {
  out: string;
  title?: string;
  school?: string;
  date?: string;
}

export interface VerifyFlags extends InputFlags {
  result: string;
}

/** 成文日期 today in Asia/Shanghai, as GB/T 9704 writes it: 2025年8月20日. */
export { noticeDate as todayInShanghai } from "@luoshi/placement";

/** Reads and validates the published inputs; every row problem becomes one exit-1 message. */
async function loadInputs(flags: InputFlags): Promise<{ roster: Roster; params: PlacementParams }> {
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

function asCliError(error: unknown): unknown {
  if (!isPlacementInputError(error)) return error;
  return new CliError(1, msg.inputErrors(error.issues.length, error.issues.map(formatIssue).join("\n")));
}

export async function runCommand(flags: RunFlags, io: CliIO): Promise<void> {
  const { roster, params } = await loadInputs(flags);
  let placement: ReturnType<typeof runPlacement>;
  try {
    placement = runPlacement(roster, params, flags.draw);
  } catch (error) {
    throw asCliError(error);
  }
  await mkdir(flags.out, { recursive: true });
  const files = {
    result: join(flags.out, "result.json"),
    classes: join(flags.out, "classes.xlsx"),
    notice: join(flags.out, "notice.docx"),
  };
  const verifyCommand = `luoshi placement verify --students <名单> --classes ${params.classCount} --capacities ${params.capacities.join(",")}${flags.teachers ? " --teachers <教师名单>" : ""} --draw "${placement.result.inputs.draw}" --result result.json`;
  await writeFile(files.result, placement.json);
  await writeFile(files.classes, await classListsXlsx(roster, placement.result));
  await writeFile(
    files.notice,
    await publicNoticeDocx(placement, {
      date: flags.date ?? noticeDate(),
      verifyCommand,
      includeLists: true,
      ...(flags.title ? { title: flags.title } : {}),
      ...(flags.school ? { organization: flags.school } : {}),
    }),
  );
  const lines = [
    msg.hashes,
    ...hashLines(placement.result, placement.resultHash).map((l) => `  ${l}`),
    msg.balance,
    ...balanceLines(placement.result).map((l) => `  ${l}`),
    msg.written(Object.values(files)),
  ];
  io.stdout.write(`${lines.join("\n")}\n`);
}

export async function verifyCommand(flags: VerifyFlags, io: CliIO): Promise<void> {
  const { roster, params } = await loadInputs(flags);
  const published = new TextDecoder().decode(await readUserFile(flags.result));
  const outcome = verifyPlacement(roster, params, flags.draw, published);
  if (!outcome.ok) throw new CliError(1, msg.verifyFailed(outcome.reasons));
  io.stdout.write(`${msg.verifyOk(outcome.run.resultHash)}\n`);
}
