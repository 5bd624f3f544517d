import { bulletinsRoutes } from "../bulletins/bulletins.routes.js";
import { evaluationRoutes } from "../evaluation/evaluation.routes.js";
import type { App, AppDeps } from "../http/types.js";
import { noticesRoutes } from "../notices/notices.routes.js";
import { remindersRoutes } from "../reminders/reminders.routes.js";
import { statusRoutes } from "../status/status.routes.js";

/** Every supervision endpoint, registered by one line in app.ts. */
export function supervisionRoutes(app: App, deps: AppDeps): void {
  statusRoutes(app, deps);
  noticesRoutes(app, deps);
  remindersRoutes(app, deps);
  bulletinsRoutes(app, deps);
  evaluationRoutes(app, deps);
}
