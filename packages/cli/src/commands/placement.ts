import { type Command, InvalidArgumentError, Option } from "commander";
import { CliError, processIO } from "../io.js";
import type { CommandContext } from "../program.js";
import type { VerifyFlags } from "./placement-actions.js";
import type { CeremonyVerifyFlags, CommitFlags, DrawFlags, RunFlags } from "./placement-ceremony.js";
import { ceremonyMsg, placementHelp as help, placementMsg as msg } from "./placement-messages.js";

const actions = () => import("./placement-actions.js");
const ceremony = () => import("./placement-ceremony.js");

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

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `luoshi placement commit|draw|run|verify`: the lottery in three steps, and its check. */
export function registerPlacementCommand(program: Command, context?: CommandContext): void {
  const io = context?.io ?? processIO();
  const placement = program.command("placement").description(help.command);
  placement
    .command("commit")
    .description(help.commit)
    .requiredOption("--dir <DIR>", help.dir)
    .requiredOption("--name <TEXT>", help.name)
    .requiredOption("--students <FILE>", help.students)
    .option("--classes <N>", help.classes, positiveInt)
    .option("--capacity <N>", help.capacity, positiveInt)
    .option("--capacities <LIST>", help.capacities, capacityList)
    .option("--teachers <FILE>", help.teachers)
    .option("--school <NAME>", help.school)
    .option("--draw-plan <TEXT>", help.drawPlan)
    .option("--supplement-to <DIR>", help.supplementTo)
    .action(async (flags: CommitFlags) => (await ceremony()).commitCommand(flags, io));
  placement
    .command("draw")
    .description(help.drawStep)
    .requiredOption("--dir <DIR>", help.dir)
    .requiredOption("--draw <NUMBERS>", help.draw)
    .requiredOption("--witness <NAME:ROLE>", help.witness, collect)
    .option("--source <TEXT>", help.source)
    .action(async (flags: DrawFlags) => (await ceremony()).drawCommand(flags, io));
  placement
    .command("run")
    .description(help.run)
    .option("--dir <DIR>", help.dir)
    .option("--title <TEXT>", help.title)
    .option("--school <NAME>", help.school)
    .option("--date <DATE>", help.date)
    .addOption(new Option("--students <FILE>", help.retiredStudents).hideHelp())
    .addOption(new Option("--draw <NUMBERS>", help.retiredDraw).hideHelp())
    .allowUnknownOption(false)
    .action(async (flags: RunFlags & { students?: string; draw?: string }) => {
      if (flags.students || flags.draw || !flags.dir) throw new CliError(2, ceremonyMsg.singleStepRetired);
      return (await ceremony()).runCeremonyCommand(flags, io);
    });
  placement
    .command("verify")
    .description(help.verify)
    .option("--dir <DIR>", help.dir)
    .option("--students <FILE>", help.students)
    .option("--teachers <FILE>", help.teachers)
    .option("--commitment <FILE>", help.commitmentFile)
    .option("--draw-record <FILE>", help.drawRecord)
    .option("--result <FILE>", help.result)
    .option("--base-result <FILE>", help.baseResult)
    .option("--base-dir <DIR>", help.baseDir)
    .option("--expect-commitment <HASH>", help.expectCommitment)
    .option("--classes <N>", help.classes, positiveInt)
    .option("--capacity <N>", help.capacity, positiveInt)
    .option("--capacities <LIST>", help.capacities, capacityList)
    .option("--draw <NUMBERS>", help.retiredDraw)
    .action(async (flags: CeremonyVerifyFlags & Partial<VerifyFlags>) => {
      // A --draw names a retired single-step result: verified as before, and marked 旧版/未承诺.
      if (flags.draw !== undefined) {
        if (!flags.students || !flags.classes || !flags.result)
          throw new CliError(2, ceremonyMsg.verifyNeeds(["students", "classes", "result"]));
        return (await actions()).verifyCommand(flags as VerifyFlags, io);
      }
      return (await ceremony()).verifyCeremonyCommand(flags, io);
    });
}
