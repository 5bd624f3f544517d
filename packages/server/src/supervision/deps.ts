import { type ClockSetting, clockFrom } from "../clock.js";
import type { AppDeps } from "../http/types.js";
import { robotPoster } from "../reminders/webhook-guard.js";
import type { DeliveryLimits, SendDeps } from "../reminders/webhooks.js";
import type { Clock } from "../status/status.service.js";

/** Optional extras a test may put on the app's deps: a fixed clock, a fast sleep, tighter limits. */
export interface SupervisionDeps extends AppDeps {
  now?: Clock;
  sleep?: SendDeps["sleep"];
  deliveryLimits?: DeliveryLimits;
}

/** The app's clock: a test's, else the configured one (LUOSHI_NOW, clock.ts), else the real one. */
export const clockOf = (deps: AppDeps): Clock =>
  (deps as SupervisionDeps).now ?? (deps.config.clock ? configuredClock(deps.config.clock) : () => new Date());

const clocks = new WeakMap<object, Clock>();
/** One clock per setting, so that a file clock's cache is shared by every route. */
export function configuredClock(setting: ClockSetting): Clock {
  let clock = clocks.get(setting);
  if (!clock) {
    clock = clockFrom(setting);
    clocks.set(setting, clock);
  }
  return clock;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Robots are posted to through the configured policy (config.webhooks), checked at send time. */
export const sendDepsOf = (deps: AppDeps): SendDeps => {
  const { deliveryLimits } = deps as SupervisionDeps;
  return {
    now: clockOf(deps),
    post: robotPoster(deps.config.webhooks),
    sleep: (deps as SupervisionDeps).sleep ?? sleep,
    ...(deliveryLimits ? { limits: deliveryLimits } : {}),
  };
};
