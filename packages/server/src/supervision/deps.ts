import type { AppDeps } from "../http/types.js";
import type { Clock } from "./status.service.js";
import type { SendDeps } from "./webhooks.js";

/** Optional extras a test may put on the app's deps: a fixed clock, a fake fetch, a fast sleep. */
export interface SupervisionDeps extends AppDeps {
  now?: Clock;
  fetch?: SendDeps["fetch"];
  sleep?: SendDeps["sleep"];
}

export const clockOf = (deps: AppDeps): Clock => (deps as SupervisionDeps).now ?? (() => new Date());

export const sendDepsOf = (deps: AppDeps): SendDeps => ({
  now: clockOf(deps),
  fetch: (deps as SupervisionDeps).fetch ?? fetch,
  sleep: (deps as SupervisionDeps).sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
});
