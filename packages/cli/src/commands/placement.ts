import { type Command, InvalidArgumentError } from "commander";
import { processIO } from "../io.js";
import type { CommandContext } from "../program.js";
import type { RunFlags, VerifyFlags } from "./placement-actions.js";
import { placementHelp as help, placementMsg as msg } from "./placement-messages.js";

const actions = () => import("./placement-actions.js");

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

function withInputOptions(command: Command): Command {
  return command
    .requiredOption("--students <FILE>", help.students)
    .requiredOption("--classes <N>", help.classes, positiveInt)
    .option("--capacity <N>", help.capacity, positiveInt)
    .option("--capacities <LIST>", help.capacities, capacityList)
    .option("--teachers <FILE>", help.teachers)
    .requiredOption("--draw <NUMBERS>", help.draw);
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
    .action(async (flags: RunFlags) => (await actions()).runCommand(flags, io));
  withInputOptions(placement.command("verify").description(help.verify))
    .requiredOption("--result <FILE>", help.result)
    .action(async (flags: VerifyFlags) => (await actions()).verifyCommand(flags, io));
}
