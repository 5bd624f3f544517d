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
import { type Command, InvalidArgumentError } from "commander";
import { readUserFile } from "../files.js";
import { CliError, type CliIO, processIO } from "../io.js";
import type { CommandContext } from "../program.js";
import { placementHelp as help, placementMsg as msg } from "./placement-messages.js";

interface InputFlags {
  students: string;
  classes: number;
  capacity?: number;
  capacities?: number[];
  teachers?: string;
  draw: string;
}

interface RunFlags extends InputFlags {
  out: string;
  title?: string;
  school?: string;
  date?: string;
}

interface VerifyFlags extends InputFlags {
  result: string;
}

function positiveInt(value: string): number {
  const n = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || n <= 0) throw new InvalidArgumentError(msg.badInteger);
  return n;
}

function capacityList(value: string): number[] {
  const parts = value.split(/[,，]/).map((s) => s.trim());
  if (parts.some((p) => !/^\d+$/.test(p) || Number(p) <= 0)) throw new InvalidArgumentError(msg.badCapacities);
  return parts.map(Number);
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

function withInputOptions(command: Command): Command {
  return command
    .requiredOption("--students <FILE>", help.students)
    .requiredOption("--classes <N>", help.classes, positiveInt)
    .option("--capacity <N>", help.capacity, positiveInt)
    .option("--capacities <LIST>", help.capacities, capacityList)
    .option("--teachers <FILE>", help.teachers)
    .requiredOption("--draw <NUMBERS>", help.draw);
}

async function runCommand(flags: RunFlags, io: CliIO): Promise<void> {
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

async function verifyCommand(flags: VerifyFlags, io: CliIO): Promise<void> {
  const { roster, params } = await loadInputs(flags);
  const published = new TextDecoder().decode(await readUserFile(flags.result));
  const outcome = verifyPlacement(roster, params, flags.draw, published);
  if (!outcome.ok) throw new CliError(1, msg.verifyFailed(outcome.reasons));
  io.stdout.write(`${msg.verifyOk(outcome.run.resultHash)}\n`);
}

/** `luoshi placement run|verify`. */
export function registerPlacementCommand(program: Command, context?: CommandContext): void {
  const io = context?.io ?? processIO();
  const placement = program.command("placement").description(help.command);
  withInputOptions(placement.command("run").description(help.run))
    .option("-o, --out <OUTDIR>", help.out, ".")
    .option("--title <TEXT>", help.title)
    .option("--school <NAME>", help.school)
    .option("--date <DATE>", help.date)
    .action((flags: RunFlags) => runCommand(flags, io));
  withInputOptions(placement.command("verify").description(help.verify))
    .requiredOption("--result <FILE>", help.result)
    .action((flags: VerifyFlags) => verifyCommand(flags, io));
}
