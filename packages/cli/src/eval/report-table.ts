import type { ScoreReport } from "@luoshi/plan-parser";
import { evalText } from "../messages.js";
import type { EvalResult } from "./evaluate.js";

/** Terminal columns a string takes: CJK and full-width characters take two. */
export function displayWidth(s: string): number {
  let width = 0;
  for (const ch of s) {
    width +=
      /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{20000}-\u{3FFFD}]/u.test(
        ch,
      )
        ? 2
        : 1;
  }
  return width;
}

const pad = (s: string, width: number, right = false) => {
  const fill = " ".repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
};

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function metrics(r: ScoreReport | null): string[] {
  if (!r) return evalText.columns.slice(1).map(() => "—");
  return [
    r.plans.f1,
    r.tasks.f1,
    r.path_accuracy,
    r.units_exact_accuracy,
    r.units.f1,
    r.deadlines.f1,
    r.targets.f1,
    r.target_op_accuracy,
  ].map(pct);
}

/** A per-document table, the micro-averaged overall line, then skipped and unreadable documents. */
export function formatEvalTable(result: EvalResult): string {
  const rows = result.documents.map((d) => [d.error ? `${d.file} *` : d.file, ...metrics(d.report)]);
  const overall = [evalText.overall(result.documents.length), ...metrics(result.overall)];
  const all = [[...evalText.columns], ...rows, overall];
  const widths = evalText.columns.map((_, c) => Math.max(...all.map((r) => displayWidth(r[c] ?? ""))));
  const line = (r: string[]) =>
    r
      .map((cell, c) => pad(cell, widths[c] ?? 0, c > 0))
      .join("  ")
      .trimEnd();
  const rule = "-".repeat(widths.reduce((a, b) => a + b + 2, -2));
  const out = [line(all[0] ?? []), rule, ...rows.map(line), rule, line(overall)];
  const failed = result.documents.filter((d) => d.error);
  if (failed.length) {
    out.push("", evalText.failed);
    for (const d of failed) out.push(`  ${d.file} *：${d.error?.messageZh}（${d.error?.code}）`);
  }
  if (result.skipped.length) {
    out.push("", evalText.skipped);
    for (const s of result.skipped) out.push(`  ${s.reason === "no_gold" ? s.file : evalText.goldUnreadable(s.file)}`);
  }
  return `${out.join("\n")}\n`;
}
