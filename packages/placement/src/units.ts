import type { Roster } from "./model.js";

/**
 * A unit is what the search moves: a single student, or a keep-together group moved as one block.
 * Units are numbered in roster order of their first member; `apart` lists the other units none of
 * whose members may share a class with this unit.
 */
export interface Units {
  members: number[][];
  apart: Int32Array[];
  unitOf: Int32Array;
}

export function buildUnits(roster: Roster): Units {
  const students = roster.students;
  const unitOf = new Int32Array(students.length);
  const members: number[][] = [];
  const byGroup = new Map<string, number>();
  students.forEach((s, i) => {
    const existing = s.group === "" ? undefined : byGroup.get(s.group);
    if (existing !== undefined) {
      members[existing]!.push(i);
      unitOf[i] = existing;
      return;
    }
    unitOf[i] = members.length;
    if (s.group !== "") byGroup.set(s.group, members.length);
    members.push([i]);
  });
  const index = new Map(students.map((s, i) => [s.id, i] as const));
  const apart = members.map((ms, u) => {
    const others = new Set<number>();
    for (const i of ms) {
      for (const id of students[i]!.apart) {
        const j = index.get(id);
        if (j !== undefined && unitOf[j] !== u) others.add(unitOf[j]!);
      }
    }
    return Int32Array.from([...others].sort((a, b) => a - b));
  });
  return { members, apart, unitOf };
}
