import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, multipart, type Session, type TestContext } from "../test/app.js";

/** Evidence files read back: as a download, or inline for the preview (pictures and PDF only), under the same access rules. */

let t: TestContext;
const s: Record<string, Session> = {};
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const PDF = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");
const TEXT = new TextEncoder().encode("会议纪要：本期完成情况说明\n");

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ["admin", "school_reporter", "dept_head"] as const) {
    s[role] = await loginAs(t.app, t.fixture.a.users[role]);
  }
  s.otherAdmin = await loginAs(t.app, t.fixture.b.users.admin);
}, 60_000);
afterAll(() => t.close());

async function upload(session: Session, name: string, bytes: Uint8Array): Promise<string> {
  const body = multipart({ name, bytes });
  const res = await t.app.inject({
    method: "POST",
    url: "/api/files",
    headers: { ...session.headers, ...body.headers },
    payload: body.payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().file.id;
}

const read = (session: Session, id: string, inline = false) =>
  t.app.inject({ method: "GET", url: `/api/files/${id}${inline ? "?inline=true" : ""}`, headers: session.headers });

describe("GET /api/files/:id", () => {
  it("downloads as an attachment, never framed", async () => {
    const id = await upload(s.school_reporter!, "现场照片.png", PNG);
    const res = await read(s.school_reporter!, id);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("image/png");
    expect(res.headers["content-disposition"]).toMatch(/^attachment; .*filename\*=UTF-8''%E7%8E%B0/);
    expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(res.headers["x-frame-options"]).toBe("DENY");
  });

  it("previews pictures and PDF inline, framed by the app only", async () => {
    for (const [name, bytes, type] of [
      ["现场照片.png", PNG, "image/png"],
      ["工作总结.pdf", PDF, "application/pdf"],
    ] as const) {
      const id = await upload(s.school_reporter!, name, bytes);
      const res = await read(s.admin!, id, true);
      expect(res.statusCode, name).toBe(200);
      expect(res.headers["content-type"]).toBe(type);
      expect(res.headers["content-disposition"]).toMatch(/^inline; /);
      expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'self'");
      expect(res.headers["content-security-policy"]).toContain("default-src 'none'");
      expect(res.headers["x-frame-options"]).toBe("SAMEORIGIN");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(Buffer.compare(res.rawPayload, Buffer.from(bytes))).toBe(0);
    }
  });

  it("other types stay attachments even when a preview is asked for", async () => {
    const id = await upload(s.school_reporter!, "说明.txt", TEXT);
    const res = await read(s.school_reporter!, id, true);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toMatch(/^attachment; /);
    expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  });

  it("a preview is refused to whoever may not download the file", async () => {
    const id = await upload(s.school_reporter!, "现场照片.png", PNG);
    for (const who of ["dept_head", "otherAdmin"]) {
      const download = await read(s[who]!, id);
      const preview = await read(s[who]!, id, true);
      expect(download.statusCode, who).toBe(404);
      expect(preview.statusCode, who).toBe(download.statusCode);
      expect(preview.json().error.code).toBe("FILE_NOT_FOUND");
    }
  });
});
