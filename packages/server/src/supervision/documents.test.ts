import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { noticeDocx } from "../notices/notice-document.js";
import { closeNotice, issueNotice, replyToNotice } from "../notices/notices.service.js";
import { freshDatabase } from "../test/app.js";
import { type Fixture, seedFixture } from "../test/fixture.js";
import { publishedPlan } from "../test/plans.js";
import { actorNamed, clockAt, type SupervisedPlan, supervisedPlan } from "./test-support.js";

let db: Database;
let drop: () => Promise<void>;
let ctx: SupervisedPlan<Fixture>;
const actors = {} as Record<"supervisor" | "dept_head", Actor>;

beforeAll(async () => {
  ({ db, drop } = await freshDatabase());
  const fixture = await seedFixture(db);
  ctx = await supervisedPlan(db, fixture, await publishedPlan(db, fixture.a.bureauId));
  for (const role of ["supervisor", "dept_head"] as const) actors[role] = await actorNamed(db, fixture.a.users[role]);
}, 120_000);
afterAll(async () => {
  await drop();
});

const docxText = async (bytes: Uint8Array) => {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file("word/document.xml")!.async("string");
  // Every Word document declares the official fonts with the fallbacks Word and WPS substitute.
  const fonts = await zip.file("word/fontTable.xml")!.async("string");
  expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
  return { zip, text: xml.replace(/<[^>]+>/g, "") };
};

describe("supervision notices", () => {
  it("numbers notices per region and year without gaps or duplicates under concurrency", async () => {
    const deptTask = ctx.assignments.find((a) => a.org_id === ctx.fixture.a.deptId)!;
    const issue = () =>
      issueNotice(
        db,
        actors.supervisor,
        {
          taskId: deptTask.task_id,
          orgId: deptTask.org_id,
          reason: "进度滞后",
          requirement: "限期整改",
          replyDue: "2024-05-15",
        },
        clockAt("2024-05-06"),
      );
    const notices = await Promise.all([issue(), issue(), issue(), issue(), issue()]);
    expect(notices.map((n) => n.seq).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(notices.find((n) => n.seq === 3)!.doc_no).toBe("督办〔2024〕3号");
  });

  it("the unit replies with evidence, the supervisor closes, and the Word form shows it all, dated in Asia/Shanghai", async () => {
    const deptTask = ctx.assignments.find((a) => a.org_id === ctx.fixture.a.deptId)!;
    const notice = await issueNotice(
      db,
      actors.supervisor,
      {
        taskId: deptTask.task_id,
        orgId: deptTask.org_id,
        reason: "三月进度未达预期",
        requirement: "说明原因，提出整改措施",
        replyDue: "2024-05-20",
      },
      // 01:30 on May 8 in Shanghai (still May 7 in UTC); the reply at 00:30 on May 12.
      () => new Date("2024-05-07T17:30:00Z"),
    );
    await replyToNotice(
      db,
      actors.dept_head,
      notice.id,
      { text: "已召开专题会议整改" },
      () => new Date("2024-05-11T16:30:00Z"),
    );
    const closed = await closeNotice(db, actors.supervisor, notice.id, "整改到位", clockAt("2024-05-13"));
    expect(closed.status).toBe("closed");
    const { filename, bytes } = await noticeDocx(db, actors.dept_head, notice.id);
    expect(filename).toBe("督办〔2024〕6号.docx");
    const { text } = await docxText(bytes);
    for (const s of [
      "督办通知单",
      "督办〔2024〕6号",
      "三月进度未达预期",
      "2024年5月20日",
      "已召开专题会议整改",
      "已办结",
      "基础教育股",
      "签发日期：2024年5月8日",
      "2024年5月12日",
    ]) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain("2024年5月7日");
    expect(text).not.toContain("2024年5月11日");
  });
});
