import type { CommanderError } from "commander";
import { usageErrorFallback, usageErrors } from "./messages.js";

/** Turns commander's English usage error into a Chinese sentence, keeping the names it quotes. */
export function describeUsageError(error: CommanderError): string {
  const message = error.message.replace(/^error:\s*/, "");
  const quoted = [...message.matchAll(/'([^']*)'/g)].map((m) => m[1] ?? "");
  const choices = /Allowed choices are (.*)\.$/.exec(message)?.[1];
  const why = /is invalid\.\s*(.*)$/.exec(message)?.[1];
  const describe = usageErrors[error.code];
  return describe ? describe(quoted, choices, why) : usageErrorFallback(message);
}
