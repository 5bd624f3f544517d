import { randomBytes } from "node:crypto";
import { syntheticRosterRows } from "@luoshi/placement";

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

/** A POST /api/placements request for a session's headers. */
export function createPlacementRequest(
  headers: Record<string, string>,
  fields: Record<string, string> = {},
  files: Record<string, FormFile> = { roster: { name: "名单.csv", bytes: rosterCsv() } },
) {
  const body = placementMultipart(files, {
    name: "2025级七年级均衡编班",
    classCount: "4",
    draw: "03 11 25 31 40 + 07",
    ...fields,
  });
  return {
    method: "POST" as const,
    url: "/api/placements",
    headers: { ...headers, ...body.headers },
    payload: body.payload,
  };
}
