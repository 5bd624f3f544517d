import { Button, Result } from "antd";
import type { ReactNode } from "react";
import { useNavigate } from "react-router";
import type { Me } from "./api/types";
import { L, NAV } from "./labels";
import { S as SUPERVISION } from "./pages/Supervision/labels";
import { canManagePlans, canReport, homePath, useMe } from "./session";

/**
 * The pages of the menu and who may use them, in one place: the menu lists a role's pages only,
 * and a page opened by its address by a role not listed shows 无权访问 instead.
 * (The role groups are the contract's: planManagers, reporters.)
 */
export const PAGES: { path: string; label: string; allow: (me: Me) => boolean }[] = [
  { path: "/dashboard", label: NAV.dashboard, allow: () => true },
  { path: "/ledger", label: NAV.ledger, allow: () => true },
  { path: "/my-tasks", label: NAV.myTasks, allow: canReport },
  { path: "/plans", label: NAV.plans, allow: canManagePlans },
  // Reading and verifying a lottery is open to every role of the region (placement.routes.ts).
  { path: "/placements", label: NAV.placements, allow: () => true },
  { path: "/supervision", label: SUPERVISION.title, allow: () => true },
  // 台账 · 安全隐患: schools record and fix, the department assigns and re-inspects, leaders read.
  { path: "/safety", label: NAV.safety, allow: () => true },
  // 台账 · 晨午检: 班主任 and the school's reporter submit, the bureau sees the county's submissions.
  { path: "/health", label: NAV.health, allow: () => true },
  // 台账 · 学生健康筛查: rates for all; students and follow-up for the school and the department.
  { path: "/screening", label: NAV.screening, allow: () => true },
  // 控辍保学与学生资助: schools record their students, the bureau counts and reads escalated cases.
  { path: "/dropout", label: NAV.dropout, allow: () => true },
  { path: "/admin", label: NAV.admin, allow: (me) => me.role === "admin" },
];

/** Whether the signed-in user may open a path (pages outside the menu, such as task detail, are open). */
export function mayOpen(me: Me, pathname: string): boolean {
  const page = PAGES.find((p) => pathname === p.path || pathname.startsWith(`${p.path}/`));
  return page ? page.allow(me) : true;
}

/** A page's content, or 无权访问 when the role may not use it. */
export function Guarded({ path, children }: { path: string; children: ReactNode }) {
  const me = useMe();
  const navigate = useNavigate();
  if (mayOpen(me, path)) return <>{children}</>;
  return (
    <Result
      status="403"
      title={L.forbiddenPage}
      subTitle={L.forbiddenHint}
      extra={
        <Button type="primary" onClick={() => navigate(homePath(me))}>
          {L.backHome}
        </Button>
      }
    />
  );
}
