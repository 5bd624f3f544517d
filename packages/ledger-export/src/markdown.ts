import type { LedgerInput, LedgerPlan, LedgerTask } from "./input.js";
import { formatDeadline, formatTarget, planTitle, splitUnits } from "./ledger-rows.js";
import { messages } from "./messages.js";

const md = messages.md;

/** Cell text that cannot break a Markdown table row. */
const inline = (s: string) =>
  s
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/\s*\r?\n\s*/g, "<br>");

const heading = (s: string) => inline(s).replace(/^#+\s*/, "");

/** A readable summary: per plan its title, year and counts, then a table of tasks per section. */
export function ledgerToMarkdown(doc: LedgerInput): string {
  if (!doc.plans.length) return `${messages.noPlans}\n`;
  return `${doc.plans.map(planMarkdown).join("\n\n")}\n`;
}

function planMarkdown(plan: LedgerPlan): string {
  const tasks = plan.tasks;
  const units = new Set(tasks.flatMap((t) => t.units));
  const count = (pick: (t: LedgerTask) => readonly unknown[]) => tasks.reduce((n, t) => n + pick(t).length, 0);
  const lines = [
    `# ${heading(planTitle(plan))}`,
    "",
    `- ${md.year}：${plan.year ?? md.unknownYear}`,
    `- ${md.taskCount}：${tasks.length}`,
    `- ${md.unitCount}：${units.size}`,
    `- ${md.deadlineCount}：${count((t) => t.deadlines)}`,
    `- ${md.targetCount}：${count((t) => t.targets)}`,
  ];
  if (!tasks.length) return [...lines, "", messages.noTasks].join("\n");
  for (const [section, sectionTasks] of bySection(tasks)) {
    lines.push("", `## ${heading(section || md.noSection)}`, "", ...taskTable(sectionTasks));
  }
  return lines.join("\n");
}

/** Groups tasks by their heading path, keeping document order. */
function bySection(tasks: readonly LedgerTask[]): Map<string, LedgerTask[]> {
  const groups = new Map<string, LedgerTask[]>();
  for (const task of tasks) {
    const key = task.path.join(" / ");
    const group = groups.get(key);
    if (group) group.push(task);
    else groups.set(key, [task]);
  }
  return groups;
}

function taskTable(tasks: readonly LedgerTask[]): string[] {
  const header = ["序号", "重点任务", "责任单位", "完成时限", "量化指标"];
  const rows = tasks.map((task) => {
    const { lead, co } = splitUnits(task);
    const units = [
      lead.length ? `${md.lead}：${lead.join("、")}` : "",
      co.length ? `${md.co}：${co.join("、")}` : "",
    ].filter(Boolean);
    return [
      task.no,
      task.title,
      units.join("\n") || md.noUnit,
      task.deadlines.map(formatDeadline).join("\n"),
      task.targets.map(formatTarget).join("\n"),
    ];
  });
  return [header, header.map(() => "---"), ...rows].map(
    (cells) => `| ${cells.map((c) => inline(String(c))).join(" | ")} |`,
  );
}
