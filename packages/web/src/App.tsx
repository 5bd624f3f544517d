import { Skeleton } from "antd";
import { lazy, Suspense } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router";
import { AppShell } from "./components/AppShell";
import {
  AdminPage,
  DashboardPage,
  LedgerPage,
  LoginPage,
  MyTasksPage,
  PlanReviewPage,
  PlansPage,
  TaskDetailPage,
} from "./routes";
import { homePath, useSession } from "./session";

const PlacementPage = lazy(() => import("./pages/Placement/PlacementPage"));
const SupervisionPage = lazy(() => import("./pages/Supervision/SupervisionPage"));
const NotificationsPage = lazy(() => import("./pages/Notifications/NotificationsPage"));

const Loading = () => <Skeleton active style={{ padding: 24 }} />;

export function App() {
  const { user } = useSession();
  const location = useLocation();
  if (user === undefined) return <Loading />;
  if (user === null) {
    return (
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route
            path="*"
            element={<Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />}
          />
        </Routes>
      </Suspense>
    );
  }
  return (
    <AppShell>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<Navigate to={homePath(user)} replace />} />
          <Route path="/login" element={<Navigate to={homePath(user)} replace />} />
          <Route path="/dashboard" element={<DashboardPage />} />
          <Route path="/ledger" element={<LedgerPage />} />
          <Route path="/tasks/:id" element={<TaskDetailPage />} />
          <Route path="/my-tasks" element={<MyTasksPage />} />
          <Route path="/plans" element={<PlansPage />} />
          <Route path="/plans/:id/review" element={<PlanReviewPage />} />
          <Route path="/admin" element={<AdminPage />} />
          <Route path="/placements" element={<PlacementPage />} />
          <Route path="/supervision" element={<SupervisionPage />} />
          <Route path="/notifications" element={<NotificationsPage />} />
          <Route path="*" element={<Navigate to={homePath(user)} replace />} />
        </Routes>
      </Suspense>
    </AppShell>
  );
}
