import { mkdir, readdir, writeFile } from "node:fs/promises";
import { extname, join } from "node:path";
import {
  balanceLines,
  type CeremonyCheck,
  classListsXlsx,
  commitmentLines,
  commitmentNoticeDocx,
  DEFAULT_RESTARTS,
  hashLines,
  isCeremonyError,
  noticeDate,
  openCommitment,
  openDraw,
  PlacementInputError,
  type PlacementResult,
  paramsFromCommitment,
  parseRosterRows,
  parseTeacherRows,
  publicNoticeDocx,
  type Roster,
  runCommitted,
  sealCommitment,
  sealDraw,
  sha256Hex,
  supplementParams,
  tableFromBytes,
  verifyCommitted,
} from "@luoshi/placement";
import { readUserFile } from "../files.js";
import { CliError, type CliIO } from "../io.js";
import { asCliError, type InputFlags, loadInputs } from "./placement-actions.js";
import { ceremonyMsg as msg } from "./placement-messages.js";

/**
 * The lottery in three steps on files. A ceremony directory holds, in order of writing:
 *   roster.<ext>, teachers.<ext>   frozen copies of the inputs (step 1)
 *   commitment.json, 摇号前公告.docx  the commitment and its printable notice (step 1)
 *   draw.json                       the public numbers, time and witnesses (step 2, once)
 *   result.json, classes.xlsx, notice.docx   the placement (step 3, once)
 * Every file is written exclusively: no step overwrites an earlier one.
 */
export const FILES = {
  commitment: "commitment.json",
  commitmentNotice: "摇号前公告.docx",
  draw: "draw.json",
  result: "result.json",
  classes: "classes.xlsx",
  notice: "notice.docx",
} as const;

export interface CommitFlags extends Partial<InputFlags> {
  students: string;
  name: string;
  dir: string;
  school?: string;
  drawPlan?: string;
  supplementTo?: string;
}

export interface DrawFlags {
  dir: string;
  draw: string;
  witness: string[];
  source?: string;
}

export interface RunFlags {
  dir: string;
  title?: string;
  school?: string;
  date?: string;
}

export interface CeremonyVerifyFlags {
  dir?: string;
  students?: string;
  teachers?: string;
  commitment?: string;
  drawRecord?: string;
  result?: string;
  baseResult?: string;
  baseDir?: string;
  expectCommitment?: string;
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Writes a file that must not exist yet; an existing one means the step was already taken. */
async function writeOnce(path: string, bytes: string | Uint8Array, already: string): Promise<void> {
  try {
    await writeFile(path, bytes, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") throw new CliError(1, already);
    throw error;
  }
}

/** The frozen copy of an input in a ceremony directory (roster.csv, teachers.xlsx …), if there is one. */
async function frozenFile(dir: string, stem: "roster" | "teachers"): Promise<string | undefined> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const name = names.find((n) => n.startsWith(`${stem}.`));
  return name ? join(dir, name) : undefined;
}

async function readRoster(path: string): Promise<Roster> {
  const { roster, issues } = parseRosterRows(await tableFromBytes(await readUserFile(path), path));
  if (issues.length > 0) throw asCliError(new PlacementInputError(issues));
  return roster;
}

async function readTeams(path: string | undefined) {
  if (!path) return [];
  const { teams, issues } = parseTeacherRows(await tableFromBytes(await readUserFile(path), path));
  if (issues.length > 0) throw asCliError(new PlacementInputError(issues));
  return teams;
}

const ceremonyError = (error: unknown) =>
  isCeremonyError(error) ? new CliError(1, `[${error.code}] ${error.message}`) : error;

/** 补录: the base directory's published round must verify before anything is built on it. */
async function supplementFrom(baseDir: string, late: Roster) {
  const base = await readCeremony(baseDir);
  const outcome = verifyCommitted(base);
  if (!outcome.ok) throw new CliError(1, msg.baseNotVerified(baseDir, failedTexts(outcome.checks)));
  try {
    const result = JSON.parse(base.resultText) as PlacementResult;
    return supplementParams(base.roster, { result, resultHash: sha256Hex(base.resultText) }, late, DEFAULT_RESTARTS);
  } catch (error) {
    throw ceremonyError(error);
  }
}

/** Step 1: freeze roster and parameters into the directory and print the commitment notice. */
export async function commitCommand(flags: CommitFlags, io: CliIO): Promise<void> {
  await mkdir(flags.dir, { recursive: true });
  if (await frozenFile(flags.dir, "roster")) throw new CliError(1, msg.alreadyCommitted(flags.dir));
  let prepared: Awaited<ReturnType<typeof loadInputs>>;
  let supplementOf: Awaited<ReturnType<typeof supplementFrom>>["supplementOf"] | undefined;
  if (flags.supplementTo) {
    if (flags.teachers) throw new CliError(2, msg.supplementTeachers);
    const late = await readRoster(flags.students);
    const s = await supplementFrom(flags.supplementTo, late);
    prepared = { roster: late, params: s.params };
    supplementOf = s.supplementOf;
  } else {
    if (flags.classes === undefined) throw new CliError(2, msg.classesRequired);
    prepared = await loadInputs({ ...flags, classes: flags.classes, draw: "" });
  }
  const sealed = sealCommitment(prepared.roster, prepared.params, {
    name: flags.name,
    organization: flags.school ?? "",
    drawPlan: flags.drawPlan ?? "",
    committedAt: new Date(),
    ...(supplementOf ? { supplementOf } : {}),
  });
  await writeOnce(
    join(flags.dir, `roster${extname(flags.students) || ".csv"}`),
    await readUserFile(flags.students),
    msg.alreadyCommitted(flags.dir),
  );
  if (flags.teachers && !flags.supplementTo)
    await writeOnce(
      join(flags.dir, `teachers${extname(flags.teachers) || ".csv"}`),
      await readUserFile(flags.teachers),
      msg.alreadyCommitted(flags.dir),
    );
  await writeOnce(join(flags.dir, FILES.commitment), sealed.text, msg.alreadyCommitted(flags.dir));
  const verify = `luoshi placement verify --dir ${flags.dir} --expect-commitment ${sealed.hash}`;
  await writeOnce(
    join(flags.dir, FILES.commitmentNotice),
    await commitmentNoticeDocx(sealed, { verifyCommand: verify }),
    msg.alreadyCommitted(flags.dir),
  );
  const lines = [
    msg.committed,
    ...commitmentLines(sealed).map((l) => `  ${l}`),
    msg.publishNotice(join(flags.dir, FILES.commitmentNotice)),
  ];
  io.stdout.write(`${lines.join("\n")}\n`);
}

/** "姓名:身份" (or 姓名：身份, 姓名（身份）) → a witness. */
export function parseWitness(value: string) {
  const m = /^\s*([^:：(（]+?)\s*(?:[:：]\s*(.*?)|[(（]\s*(.*?)\s*[)）])?\s*$/.exec(value);
  return { name: m?.[1] ?? value.trim(), role: (m?.[2] ?? m?.[3] ?? "").trim() };
}

/** Everything a ceremony directory holds, read for a later step or a verification. */
async function readCeremony(dir: string) {
  const rosterPath = await frozenFile(dir, "roster");
  if (!rosterPath) throw new CliError(1, msg.notCommitted(dir));
  const commitmentText = text(await readUserFile(join(dir, FILES.commitment)));
  let commitment: ReturnType<typeof openCommitment>;
  try {
    commitment = openCommitment(commitmentText);
  } catch (error) {
    throw ceremonyError(error);
  }
  const roster = await readRoster(rosterPath);
  const params = paramsFromCommitment(commitment.record, await readTeams(await frozenFile(dir, "teachers")));
  const optional = async (name: string) => readUserFile(join(dir, name)).then(text, () => undefined);
  return {
    roster,
    params,
    commitment,
    commitmentText,
    drawText: (await optional(FILES.draw)) ?? "",
    resultText: (await optional(FILES.result)) ?? "",
  };
}

/** Step 2: the public numbers, once, after the commitment, with the witnesses. */
export async function drawCommand(flags: DrawFlags, io: CliIO): Promise<void> {
  const { commitment } = await readCeremony(flags.dir);
  let sealed: ReturnType<typeof sealDraw>;
  try {
    sealed = sealDraw(commitment, {
      draw: flags.draw,
      source: flags.source ?? "",
      witnesses: flags.witness.map(parseWitness),
      drawnAt: new Date(),
    });
  } catch (error) {
    throw ceremonyError(error);
  }
  await writeOnce(join(flags.dir, FILES.draw), sealed.text, msg.alreadyDrawn(flags.dir));
  io.stdout.write(`${msg.drawn(sealed.record.draw, sealed.record.drawnAt, sealed.hash)}\n`);
}

/** Step 3: the placement from the directory's frozen inputs and draw only. */
export async function runCeremonyCommand(flags: RunFlags, io: CliIO): Promise<void> {
  const c = await readCeremony(flags.dir);
  if (c.drawText === "") throw new CliError(1, msg.notDrawn(flags.dir));
  let run: ReturnType<typeof runCommitted>;
  try {
    run = runCommitted(c.roster, c.params, c.commitment, openDraw(c.drawText));
  } catch (error) {
    throw asCliError(ceremonyError(error));
  }
  const path = (name: string) => join(flags.dir, name);
  await writeOnce(path(FILES.result), run.json, msg.alreadyRun(flags.dir));
  await writeFile(path(FILES.classes), await classListsXlsx(c.roster, run.result));
  await writeFile(
    path(FILES.notice),
    await publicNoticeDocx(run, {
      date: flags.date ?? noticeDate(),
      verifyCommand: `luoshi placement verify --dir ${flags.dir} --expect-commitment ${c.commitment.hash}`,
      includeLists: true,
      ...(flags.title ? { title: flags.title } : {}),
      organization: flags.school ?? c.commitment.record.organization,
    }),
  );
  const lines = [
    msg.hashes,
    ...hashLines(run.result, run.resultHash).map((l) => `  ${l}`),
    msg.balance,
    ...balanceLines(run.result).map((l) => `  ${l}`),
    msg.written([FILES.result, FILES.classes, FILES.notice].map(path)),
  ];
  io.stdout.write(`${lines.join("\n")}\n`);
}

const failedTexts = (checks: CeremonyCheck[]) => checks.filter((c) => !c.ok).map((c) => c.text);

/** Verifies a committed ceremony: from its directory, or from the published files named one by one. */
export async function verifyCeremonyCommand(flags: CeremonyVerifyFlags, io: CliIO): Promise<void> {
  let input: Parameters<typeof verifyCommitted>[0];
  if (flags.dir) {
    const c = await readCeremony(flags.dir);
    input = { ...c, ...(flags.students ? { roster: await readRoster(flags.students) } : {}) };
  } else {
    const need = {
      students: flags.students,
      commitment: flags.commitment,
      drawRecord: flags.drawRecord,
      result: flags.result,
    };
    const missing = Object.entries(need)
      .filter(([, v]) => !v)
      .map(([k]) => k);
    if (missing.length > 0) throw new CliError(2, msg.verifyNeeds(missing));
    const commitmentText = text(await readUserFile(flags.commitment!));
    let commitment: ReturnType<typeof openCommitment>;
    try {
      commitment = openCommitment(commitmentText);
    } catch (error) {
      throw ceremonyError(error);
    }
    input = {
      roster: await readRoster(flags.students!),
      params: paramsFromCommitment(commitment.record, await readTeams(flags.teachers)),
      commitmentText,
      drawText: text(await readUserFile(flags.drawRecord!)),
      resultText: text(await readUserFile(flags.result!)),
    };
  }
  const base = flags.baseResult ?? (flags.baseDir ? join(flags.baseDir, FILES.result) : undefined);
  const outcome = verifyCommitted({
    ...input,
    ...(flags.expectCommitment ? { expectedCommitmentHash: flags.expectCommitment } : {}),
    ...(base ? { baseResultText: text(await readUserFile(base)) } : {}),
  });
  const lines = outcome.checks.map((c) => `  ${c.ok ? "✓" : "✗"} ${c.text}`);
  if (!flags.expectCommitment) lines.push(`  ${msg.compareWithNotice}`);
  if (!outcome.ok) throw new CliError(1, `${msg.verifyFailed}\n${lines.join("\n")}`);
  io.stdout.write(`${msg.verifyOk(outcome.resultHash!)}\n${lines.join("\n")}\n`);
}
