import type { Database } from "../db/database.js";
import type { Role } from "../db/schema.js";
import { addAlias, createOrg } from "../orgs/orgs.service.js";
import { createUser } from "../users/users.service.js";

export const PASSWORD = "password123";

export interface Bureau {
  bureauId: string;
  deptId: string;
  schoolId: string;
  middleSchoolId: string;
  users: Record<Role, string>;
}

export interface Fixture {
  provinceId: string;
  cityId: string;
  a: Bureau;
  b: Bureau;
}

async function bureau(db: Database, cityId: string, name: string, tag: string): Promise<Bureau> {
  const b = await createOrg(db, null, { parentId: cityId, name, kind: "bureau" });
  const dept = await createOrg(db, null, { parentId: b.id, name: "基础教育股", kind: "department" });
  await createOrg(db, null, { parentId: b.id, name: "人事股", kind: "department" });
  await createOrg(db, null, { parentId: b.id, name: "规划股", kind: "department" });
  await addAlias(db, null, dept.id, "基教股");
  const school = await createOrg(db, null, {
    parentId: b.id,
    name: "城关实验小学",
    kind: "school",
    schoolLevel: "小学",
  });
  const middle = await createOrg(db, null, {
    parentId: b.id,
    name: "城关第一中学",
    kind: "school",
    schoolLevel: "初中",
  });
  await createOrg(db, null, { parentId: b.id, name: "城关中心幼儿园", kind: "school", schoolLevel: "幼儿园" });
  const where: Record<Role, string> = {
    admin: b.id,
    supervisor: b.id,
    leader: b.id,
    dept_head: dept.id,
    school_reporter: school.id,
  };
  const users = {} as Record<Role, string>;
  for (const [role, orgId] of Object.entries(where) as [Role, string][]) {
    const username = `${role}_${tag}`;
    await createUser(db, null, { orgId, username, displayName: username, password: PASSWORD, role });
    users[role] = username;
  }
  return { bureauId: b.id, deptId: dept.id, schoolId: school.id, middleSchoolId: middle.id, users };
}

/** Two county bureaus under one city: "a" is the actor's own, "b" is the other region. */
export async function seedFixture(db: Database): Promise<Fixture> {
  const province = await createOrg(db, null, { parentId: null, name: "某省教育厅", kind: "province" });
  const city = await createOrg(db, null, { parentId: province.id, name: "某市教育局", kind: "city" });
  return {
    provinceId: province.id,
    cityId: city.id,
    a: await bureau(db, city.id, "城关县教育和体育局", "a"),
    b: await bureau(db, city.id, "河西县教育和体育局", "b"),
  };
}

export const PLAN_TEXT = `城关县教育和体育局2024年工作要点
一、推进基础教育优质均衡发展
1.加快学前教育普及普惠。学前三年毛入园率达到95%以上。（责任单位：基教股、各幼儿园）（6月底前完成）
2.推进义务教育优质均衡。新增学位800个。（责任单位：基础教育股、规划股、各中小学）（年底前）
二、加强教师队伍建设
3.开展教师培训。培训教师不少于500人次。（责任单位：人事股、各学校）（贯穿全年）
`;
