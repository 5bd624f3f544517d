/**
 * Turns the free-text unit names of a plan into organisations: exact names, then
 * aliases, then the reviewer's manual mappings; named org groups (各基层党组织 → the
 * group's members) and collective names ("各学校", "各股室") fan out to every org of that
 * kind under the bureau. Anything else stays unresolved — a
 * name is never guessed.
 */
export interface OrgRef {
  id: string;
  name: string;
  kind: string;
  school_level: string | null;
}

export interface ManualMapping {
  unitName: string;
  orgId: string | null;
  ignored: boolean;
}

export type Resolution =
  | { unitName: string; status: "resolved"; via: "name" | "alias" | "mapping" | "group" | "fanout"; orgIds: string[] }
  | { unitName: string; status: "ignored"; orgIds: [] }
  | { unitName: string; status: "unresolved"; orgIds: [] };

interface FanOut {
  pattern: RegExp;
  select: (org: OrgRef) => boolean;
}

const isSchool = (o: OrgRef) => o.kind === "school";
const level =
  (...levels: string[]) =>
  (o: OrgRef) =>
    isSchool(o) && levels.includes(o.school_level ?? "");

/** Collective names, most specific first. Brackets may be full- or half-width. */
const FAN_OUTS: FanOut[] = [
  {
    pattern: /^各(县|市|区|县[（(]市、区[)）]|县市区)(教育局|教体局|教育和体育局)?$/,
    select: (o) => o.kind === "county",
  },
  { pattern: /^各(幼儿园|公办幼儿园)$/, select: level("幼儿园") },
  { pattern: /^各(中学|初中|初级中学)$/, select: level("初中", "中学", "九年一贯制") },
  { pattern: /^各(高中|普通高中)$/, select: level("高中") },
  { pattern: /^各(小学|中心小学)$/, select: level("小学", "九年一贯制") },
  { pattern: /^各中小学(校)?$/, select: level("小学", "初中", "中学", "九年一贯制", "高中") },
  { pattern: /^各(基层|级各类|类|公办|民办)?学校$/, select: isSchool },
  { pattern: /^(局机关)?各(股室|科室|股（室）|股\(室\)|处室)$/, select: (o) => o.kind === "department" },
];

export function isCollectiveName(name: string): boolean {
  return FAN_OUTS.some((f) => f.pattern.test(name));
}

export function resolveUnit(
  unitName: string,
  orgs: readonly OrgRef[],
  aliases: ReadonlyMap<string, string>,
  mappings: ReadonlyMap<string, ManualMapping>,
  groups: ReadonlyMap<string, string[]> = new Map(),
): Resolution {
  const manual = mappings.get(unitName);
  if (manual?.ignored) return { unitName, status: "ignored", orgIds: [] };
  if (manual?.orgId) return { unitName, status: "resolved", via: "mapping", orgIds: [manual.orgId] };
  const byName = orgs.find((o) => o.name === unitName);
  if (byName) return { unitName, status: "resolved", via: "name", orgIds: [byName.id] };
  const aliasOrg = aliases.get(unitName);
  if (aliasOrg) return { unitName, status: "resolved", via: "alias", orgIds: [aliasOrg] };
  const members = groups.get(unitName);
  if (members && members.length > 0) return { unitName, status: "resolved", via: "group", orgIds: [...members] };
  const fan = FAN_OUTS.find((f) => f.pattern.test(unitName));
  if (fan) {
    const ids = orgs.filter(fan.select).map((o) => o.id);
    if (ids.length > 0) return { unitName, status: "resolved", via: "fanout", orgIds: ids };
  }
  return { unitName, status: "unresolved", orgIds: [] };
}

export function resolveUnits(
  unitNames: Iterable<string>,
  orgs: readonly OrgRef[],
  aliases: ReadonlyMap<string, string>,
  mappings: ReadonlyMap<string, ManualMapping>,
  groups: ReadonlyMap<string, string[]> = new Map(),
): Resolution[] {
  return [...new Set(unitNames)].map((name) => resolveUnit(name, orgs, aliases, mappings, groups));
}
