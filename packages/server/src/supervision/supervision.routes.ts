import type { App, AppDeps } from "../http/types.js";
import { noticesRoutes } from "../notices/notices.routes.js";
import { remindersRoutes } from "../reminders/reminders.routes.js";
import { statusRoutes } from "../status/status.routes.js";
import { reportsRoutes } from "./reports.routes.js";

/** Every supervision endpoint, registered by one line in app.ts. */
export function supervisionRoutes(app: App, deps: AppDeps): void {
  statusRoutes(app, deps);
  noticesRoutes(app, deps);
  remindersRoutes(app, deps);
  reportsRoutes(app, deps);
}
