import { describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor.js";
import type { Role } from "../db/schema.js";
import { personalAccess } from "./access-policy.js";

const BUREAU = "bureau";
const SCHOOL = "school-a";
const OTHER_SCHOOL = "school-b";
const DEPT = "dept";

/** An actor of the bureau's region: bureau roles reach every school, unit roles their own unit. */
const actor = (role: Role, orgId: string): Actor => ({
  userId: `u-${role}`,
  username: role,
  displayName: role,
  role,
  regionId: BUREAU,
  orgId,
  visibleOrgIds: orgId === BUREAU ? [BUREAU, DEPT, SCHOOL, OTHER_SCHOOL] : [orgId],
  ancestorOrgIds: orgId === BUREAU ? [] : [BUREAU],
});

describe("personal data access per role and the record's organisation", () => {
  it("the school's own staff and the bureau's placement managers see clear", () => {
    expect(personalAccess(actor("school_reporter", SCHOOL), SCHOOL)).toBe("clear");
    expect(personalAccess(actor("admin", BUREAU), SCHOOL)).toBe("clear");
    expect(personalAccess(actor("supervisor", BUREAU), SCHOOL)).toBe("clear");
  });

  it("leaders and department heads see masked data of a school", () => {
    expect(personalAccess(actor("leader", BUREAU), SCHOOL)).toBe("masked");
    expect(personalAccess(actor("dept_head", DEPT), SCHOOL)).toBe("masked");
  });

  it("another school's staff see nothing", () => {
    expect(personalAccess(actor("school_reporter", OTHER_SCHOOL), SCHOOL)).toBe("none");
  });

  it("a manager whose subtree does not reach the school is not its manager", () => {
    const outside = { ...actor("supervisor", DEPT), visibleOrgIds: [DEPT] };
    expect(personalAccess(outside, SCHOOL)).toBe("none");
  });
});
