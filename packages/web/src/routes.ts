import { lazy } from "react";
import { api } from "./api/endpoints";
import { prefetch } from "./prefetch";

const loadDashboard = () => import("./pages/Dashboard/DashboardPage");

export const LoginPage = lazy(() => import("./pages/Login/LoginPage"));
export const DashboardPage = lazy(loadDashboard);
export const LedgerPage = lazy(() => import("./pages/Ledger/LedgerPage"));
export const TaskDetailPage = lazy(() => import("./pages/TaskDetail/TaskDetailPage"));
export const MyTasksPage = lazy(() => import("./pages/MyTasks/MyTasksPage"));
export const PlansPage = lazy(() => import("./pages/PlanImport/PlansPage"));
export const PlanReviewPage = lazy(() => import("./pages/PlanImport/PlanReviewPage"));
export const AdminPage = lazy(() => import("./pages/Admin/AdminPage"));

export const dashboardKey = (planId: string | null) => `dashboard:${planId ?? ""}`;

/** Opening the dashboard directly: fetch its chart code and its data while the session is checked. */
export function prefetchForLocation(location: Location): void {
  if (location.pathname !== "/dashboard") return;
  const planId = new URLSearchParams(location.search).get("planId");
  void loadDashboard().catch(() => undefined);
  prefetch(dashboardKey(planId), () => api.dashboard(planId ?? undefined));
}
