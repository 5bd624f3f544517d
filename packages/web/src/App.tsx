import { Skeleton } from "antd";
import { lazy, type ReactElement, Suspense } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router";
import { AppShell } from "./components/AppShell";
import { Guarded } from "./nav";
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
const SafetyPage = lazy(() => import("./pages/Safety/SafetyPage"));
const HealthPage = lazy(() => import("./pages/Health/HealthPage"));
const SafetySummaryPage = lazy(() => import("./pages/Safety/SafetySummaryPage"));
const ScreeningPage = lazy(() => import("./pages/Screening/ScreeningPage"));
const DropoutPage = lazy(() => import("./pages/Dropout/DropoutPage"));

/** Every signed-in route; nav.tsx's PAGES decide who may open them. */
const PAGED_ROUTES: [string, ReactElement][] = [
  ["/dashboard", <DashboardPage key="dashboard" />],
  ["/ledger", <LedgerPage key="ledger" />],
  ["/tasks/:id", <TaskDetailPage key="task" />],
  ["/my-tasks", <MyTasksPage key="my-tasks" />],
  ["/plans", <PlansPage key="plans" />],
  ["/plans/:id/review", <PlanReviewPage key="review" />],
  ["/admin", <AdminPage key="admin" />],
  ["/placements", <PlacementPage key="placements" />],
  ["/supervision", <SupervisionPage key="supervision" />],
  ["/safety", <SafetyPage key="safety" />],
  ["/health", <HealthPage key="health" />],
  ["/safety/summary", <SafetySummaryPage key="safety-summary" />],
  ["/screening", <ScreeningPage key="screening" />],
  ["/dropout", <DropoutPage key="dropout" />],
  ["/notifications", <NotificationsPage key="notifications" />],
];

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
          {PAGED_ROUTES.map(([path, page]) => (
            <Route key={path} path={path} element={<Guarded path={path}>{page}</Guarded>} />
          ))}
          <Route path="*" element={<Navigate to={homePath(user)} replace />} />
        </Routes>
      </Suspense>
    </AppShell>
  );
}
