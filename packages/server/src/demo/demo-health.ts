import type { Actor } from "../auth/actor.js";
import { findUserByUsername } from "../auth/auth.repository.js";
import { actorFor } from "../auth/auth.service.js";
import type { Database } from "../db/database.js";
import { createClass, submitCheck } from "../ledgers/health.service.js";
import { DEFAULT_HEALTH_SCHEDULE } from "../ledgers/health-source.js";
import { addDays, isOpenDay, isoWeekday } from "../ledgers/returns.js";
import { saveReturnSchedule } from "../ledgers/returns.service.js";
import { todayInShanghai } from "../progress/periods.js";
import { createUser } from "../users/users.service.js";
import { DEMO_PASSWORD } from "./demo-orgs.js";

/**
 * The demo's daily health reports (晨午检): classes at three primary schools, two 班主任 accounts at
 * 城关镇中心小学 (its third class has none: the school's reporter writes its checks), a 疫情报告人
 * at each other school, and two weeks of class checks before today — mostly 无异常 on time, some
 * late, some missing, a few illness absences. Today is left to the people trying the demo (a
 * weekend today is made a 调休 school day so that the demo always has a school day).
 */

export const DEMO_HEAD_TEACHERS = [
  { username: "banzhuren1", displayName: "班主任 陈静", className: "一年级1班" },
  { username: "banzhuren2", displayName: "班主任 赵磊", className: "一年级2班" },
] as const;

const HOME = "青山县城关镇中心小学";
const CLASSES: [school: string, classes: string[], reporter: string][] = [
  [HOME, ["一年级1班", "一年级2班", "一年级3班"], "school"],
  ["青山县石桥镇中心小学", ["三年级1班", "三年级2班"], "yiqing_shiqiao"],
  ["青山县实验小学", ["五年级1班", "五年级2班"], "yiqing_shiyan"],
];

const NAMES = ["王小明", "李思远", "张雨涵", "刘子轩", "陈欣怡"];

const account = async (db: Database, orgId: string, username: string, displayName: string): Promise<Actor> => {
  const found = await findUserByUsername(db, username);
  if (!found)
    await createUser(db, null, { orgId, username, displayName, password: DEMO_PASSWORD, role: "school_reporter" });
  return actorFor(db, (await findUserByUsername(db, username))!);
};

export async function seedHealthDemo(db: Database, orgIds: Map<string, string>, now: Date) {
  const admin = await actorFor(db, (await findUserByUsername(db, "admin"))!);
  const today = todayInShanghai(now);
  if ([6, 7].includes(isoWeekday(today)))
    await saveReturnSchedule(db, admin, "health_check", { ...DEFAULT_HEALTH_SCHEDULE, openDays: [today] }, () => now);
  const start = addDays(today, -14);
  const since = () => new Date(`${start}T00:00:00+08:00`);
  let n = 0;
  for (const [school, names, reporterName] of CLASSES) {
    const orgId = orgIds.get(school)!;
    const reporter = await account(db, orgId, reporterName, `${school.replace("青山县", "")} 疫情报告人`);
    for (const [i, name] of names.entries()) {
      const head = DEMO_HEAD_TEACHERS.find((t) => school === HOME && t.className === name);
      const teacher = head ? await account(db, orgId, head.username, head.displayName) : null;
      const enrolled = 40 + i;
      const cls = await createClass(
        db,
        admin,
        { orgId, name, grade: name.slice(0, 3), headTeacherId: teacher?.userId ?? null, enrolled },
        since,
      );
      for (let day = start; day < today; day = addDays(day, 1)) {
        if (!isOpenDay(DEFAULT_HEALTH_SCHEDULE, day)) continue;
        for (const [slot, hour] of [
          ["morning", 8],
          ["noon", 13],
        ] as const) {
          n++;
          if (school !== HOME && n % 11 === 0) continue; // a silent class, as in life
          const late = n % 7 === 0 ? 3 : 0;
          const minute = String(n % 50).padStart(2, "0");
          const at = new Date(`${day}T${String(hour + late).padStart(2, "0")}:${minute}:00+08:00`);
          const ill =
            n % 9 === 0
              ? [
                  {
                    name: NAMES[n % NAMES.length]!,
                    symptoms: n % 2 ? ["fever" as const, "cough" as const] : ["diarrhoea" as const],
                  },
                ]
              : [];
          const check = {
            classId: cls.id,
            date: day,
            slot,
            ...(ill.length ? { present: enrolled - 1, students: ill } : {}),
          };
          await submitCheck(db, teacher ?? reporter, check, () => at);
        }
      }
    }
  }
}
