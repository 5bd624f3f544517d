import { randomBytes } from "node:crypto";
import { syntheticRosterRows } from "@luoshi/placement";
import type { InjectOptions } from "fastify";
import type { App } from "../http/types.js";

/**
 * Test data for the placement endpoints: a generated roster as the CSV a school would upload,
 * and a browser-like multipart body with several named files.
 */
export function rosterCsv(students = 40, seed = "luoshi-test"): string {
  const table = syntheticRosterRows({ students, seed, groups: 2, apartPairs: 1 });
  return `${table.rows.map((r) => r.cells.join(",")).join("\n")}\n`;
}

export const teachersCsv = (names: string[]): string => `姓名\n${names.join("\n")}\n`;

export interface FormFile {
  name: string;
  bytes: Uint8Array | string;
}

export function placementMultipart(files: Record<string, FormFile>, fields: Record<string, string> = {}) {
  const boundary = `----luoshi${randomBytes(8).toString("hex")}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const [field, file] of Object.entries(files)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
    );
    parts.push(Buffer.from(file.bytes));
    parts.push(Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

/** A POST /api/placements/commitments request (step 1) for a session's headers. */
export function commitRequest(
  headers: Record<string, string>,
  fields: Record<string, string> = {},
  files: Record<string, FormFile> = { roster: { name: "名单.csv", bytes: rosterCsv() } },
) {
  const body = placementMultipart(files, { name: "2025级七年级均衡编班", classCount: "4", ...fields });
  return {
    method: "POST" as const,
    url: "/api/placements/commitments",
    headers: { ...headers, ...body.headers },
    payload: body.payload,
  };
}

export const WITNESSES = [
  { name: "李明", role: "家长代表" },
  { name: "王红", role: "纪检监察" },
];

/** A POST …/draw request (step 2). */
export const drawRequest = (
  headers: Record<string, string>,
  id: string,
  body: { draw: string; source?: string; witnesses: { name: string; role: string }[] } = {
    draw: "03 11 25 31 40 + 07",
    witnesses: WITNESSES,
  },
) => ({ method: "POST" as const, url: `/api/placements/commitments/${id}/draw`, headers, payload: body });

/** A POST …/run request (step 3). */
export const runRequest = (headers: Record<string, string>, id: string) => ({
  method: "POST" as const,
  url: `/api/placements/commitments/${id}/run`,
  headers,
});

/** The whole ceremony through the API: commit, draw, run. Throws on any step that is not 201. */
export async function committedPlacement(
  app: App,
  headers: Record<string, string>,
  fields: Record<string, string> = {},
  files?: Record<string, FormFile>,
  draw?: Parameters<typeof drawRequest>[2],
) {
  const step = async (name: string, options: InjectOptions) => {
    const res = await app.inject(options);
    if (res.statusCode !== 201) throw new Error(`${name}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const { commitment } = await step("commit", commitRequest(headers, fields, files));
  await step("draw", drawRequest(headers, commitment.id, draw));
  const { placement } = await step("run", runRequest(headers, commitment.id));
  return { commitmentId: commitment.id as string, placementId: placement.id as string, placement };
}
