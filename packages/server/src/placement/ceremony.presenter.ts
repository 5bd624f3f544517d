import { commitmentLines, openCommitment } from "@luoshi/placement";
import { CEREMONY_STATUS } from "./ceremony.messages.js";
import type { CommitmentListRow, CommitmentRow, DrawRow } from "./ceremony.repository.js";

type Status = keyof typeof CEREMONY_STATUS;
const statusOf = (drawn: boolean, runId: string | null | undefined): Status =>
  runId ? "done" : drawn ? "drawn" : "committed";

/** A ceremony in a list: what was committed, when, and how far it has come. */
export function presentCeremonySummary(row: CommitmentListRow) {
  const status = statusOf(row.drawn_at !== null, row.run_id);
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    supplement: row.base_commitment_id !== null,
    commitmentHash: row.commitment_hash,
    classCount: row.class_count,
    studentCount: row.student_count,
    committedAt: row.committed_at,
    drawnAt: row.drawn_at,
    runId: row.run_id,
    status,
    statusText: CEREMONY_STATUS[status],
  };
}

/** A ceremony in detail: the commitment as published, the draw with its witnesses, the run's id. */
export function presentCeremony(input: {
  commitment: CommitmentRow;
  draw: DrawRow | undefined;
  run: { id: string; result_hash: string } | undefined;
}) {
  const { commitment: c, draw: d, run } = input;
  const sealed = openCommitment(c.commitment);
  const status = statusOf(d !== undefined, run?.id);
  return {
    id: c.id,
    orgId: c.org_id,
    name: c.name,
    baseCommitmentId: c.base_commitment_id,
    supplementOf: sealed.record.supplementOf ?? null,
    commitmentHash: c.commitment_hash,
    rosterHash: c.roster_hash,
    paramsHash: c.params_hash,
    classCount: c.class_count,
    capacities: c.capacities,
    studentCount: c.student_count,
    teacherTeams: sealed.record.teacherTeams,
    drawPlan: sealed.record.drawPlan,
    rosterFilename: c.roster_filename,
    teachersFilename: c.teachers_filename,
    committedBy: c.committed_by,
    committedAt: c.committed_at,
    commitmentLines: commitmentLines(sealed),
    draw: d
      ? {
          draw: d.draw,
          source: d.source,
          witnesses: d.witnesses,
          drawHash: d.draw_hash,
          drawnBy: d.drawn_by,
          drawnAt: d.drawn_at,
        }
      : null,
    runId: run?.id ?? null,
    resultHash: run?.result_hash ?? null,
    status,
    statusText: CEREMONY_STATUS[status],
  };
}
