/**
 * Responsible units: "（责任单位：A、B）", "牵头单位：A；配合单位：B", "责任股室（单位）：A" on a
 * line of its own, table columns. Lead units first, then the others, in printed order.
 */
export interface FoundUnits {
  units: string[];
  leadCount: number;
  /** Where the label starts in the text (so the body can drop it). */
  index: number;
  length: number;
  /** A list we could not split with confidence. */
  unsplit: boolean;
}

const ORG = "(?:单位|科室|处室|股室|部门|科|股|处|室)";
const ROLE = "(?:主要责任|责任|牵头|主责|配合|协办|协同配合|协同|协助|参与|参加|协作|落实|承办)";
/** A unit label: "责任单位", "牵头股室（单位）", "配合单位". */
const LABEL_RE = new RegExp(`(${ROLE})${ORG}(?:\\((?:单位|科室|股室|处室)\\))?\\s*[:：]`, "g");
const LEAD_ROLES = /^(?:主要责任|责任|牵头|主责)$/;

/** Splits a unit list on 、，,；; but never inside brackets; drops a trailing 。 or 等. */
export function splitUnits(list: string): { units: string[]; unsplit: boolean } {
  const units: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of list) {
    if ("(（[【《“".includes(ch)) depth++;
    if (")）]】》”".includes(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && "、,，;；/".includes(ch)) {
      units.push(current);
      current = "";
      continue;
    }
    current += ch;
  }
  units.push(current);
  const cleaned = units
    .map((u) =>
      u
        .trim()
        .replace(/[。.;；,，]+$/, "")
        .replace(/等$/, "")
        .replace(/^(?:和|及|以及)/, "")
        .trim(),
    )
    .filter((u) => u && !/^[—\-–_/\\无]+$/.test(u));
  const unsplit = cleaned.some((u) => u.length > 24 || /\s{2,}/.test(u));
  return { units: cleaned, unsplit };
}

/** A list ends at the bracket closing the label's bracket, at a line end, or at the next label. */
function listEnd(text: string, start: number, limit: number): number {
  let depth = 0;
  for (let i = start; i < limit; i++) {
    const ch = text[i]!;
    if (ch === "\n") return i;
    if (ch === "(" || ch === "（") depth++;
    else if (ch === ")" || ch === "）") {
      if (depth === 0) return i;
      depth--;
    } else if (depth === 0 && ch === "。") return i;
  }
  return limit;
}

/** Finds every labelled unit list in a task's text (inline or on the lines after it). */
export function extractUnits(text: string): FoundUnits | null {
  if (!text.includes(":") && !text.includes("：")) return null;
  const labels = [...text.matchAll(LABEL_RE)];
  if (labels.length === 0) return null;
  const lead: string[] = [];
  const others: string[] = [];
  let unsplit = false;
  const first = labels[0]!;
  const open = first.index! > 0 && /[(（]/.test(text[first.index! - 1]!) ? first.index! - 1 : first.index!;
  let end = first.index! + first[0].length;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    const start = label.index! + label[0].length;
    const next = labels[i + 1]?.index ?? text.length;
    const list = text.slice(start, listEnd(text, start, next));
    end = start + list.length;
    if (/^[)）]/.test(text.slice(end, end + 1))) end += 1;
    const split = splitUnits(list.replace(/[;；]\s*$/, ""));
    unsplit ||= split.unsplit;
    (LEAD_ROLES.test(label[1]!) ? lead : others).push(...split.units);
  }
  const units = [...lead, ...others];
  if (units.length === 0) return null;
  const hasLeadLabel = labels.some((l) => /^(?:牵头|主要责任|主责)$/.test(l[1]!));
  const leadCount = hasLeadLabel ? lead.length : Math.min(1, units.length);
  return { units, leadCount, index: open, length: end - open, unsplit };
}

/** A line that is only a unit label ("责任股室：基教一股、教研室"), printed after its task. */
export function isUnitLine(line: string): boolean {
  return new RegExp(`^[(（]?${ROLE}${ORG}`).test(line) && /[:：]/.test(line.slice(0, 14));
}
