import { Cron } from "croner";
import { generateBulletin, previousMonth } from "../bulletins/bulletins.service.js";
import { activeRegions } from "../bulletins/records.repository.js";
import type { Database } from "../db/database.js";
import type { AppError } from "../errors.js";
import type { FileStore } from "../files/file-store.js";
import { chaseOutbreaks } from "../ledgers/outbreaks.service.js";
import { regionsWithClasses } from "../ledgers/returns.repository.js";
import { chaseReturns } from "../ledgers/returns.service.js";
import { todayInShanghai } from "../progress/periods.js";
import { retryDeliveries, runReminders } from "../reminders/reminders.service.js";
import { DEFAULT_WEBHOOK_HOSTS, robotPoster, type WebhookPolicy } from "../reminders/webhook-guard.js";
import { type Clock, runStatusEngine } from "../status/status.service.js";
import { sleep } from "./deps.js";

export interface SchedulerDeps {
  db: Database;
  files: FileStore;
  now?: Clock;
  /** Where robots may be reached (config.webhooks); the vendors' hosts when absent. */
  config?: { webhooks: WebhookPolicy };
  log?: (message: string, error?: unknown) => void;
}

const TZ = "Asia/Shanghai";
const post = (deps: SchedulerDeps) => robotPoster(deps.config?.webhooks ?? { hosts: DEFAULT_WEBHOOK_HOSTS });

/** At server start: today's statuses, so that no page waits for the nightly run. */
export async function startupRun(deps: SchedulerDeps) {
  return runStatusEngine(deps.db, { now: deps.now ?? (() => new Date()) });
}

/** The daily run: statuses first, then the reminders that read them. */
export async function dailyRun(deps: SchedulerDeps) {
  const now = deps.now ?? (() => new Date());
  const status = await runStatusEngine(deps.db, { now });
  const reminders = await runReminders(deps.db, { now, post: post(deps), sleep });
  return { status, reminders };
}

/** On the 1st: last month's bulletin for every region, and last quarter's in Jan, Apr, Jul and Oct. */
export async function monthlyRun(deps: SchedulerDeps) {
  const now = deps.now ?? (() => new Date());
  const today = todayInShanghai(now());
  const month = previousMonth(today);
  const periods = [month];
  if (["03", "06", "09", "12"].includes(month.slice(5)))
    periods.push(`${month.slice(0, 4)}-Q${Number(month.slice(5)) / 3}`);
  for (const regionId of await activeRegions(deps.db)) {
    for (const period of periods) {
      try {
        await generateBulletin(deps.db, deps.files, { regionId, period, actor: null, now });
      } catch (error) {
        // A region whose plan was not yet in force that period has no bulletin for it.
        if ((error as AppError).code !== ("BULLETIN_NO_PLAN" as string)) throw error;
      }
    }
  }
  return periods;
}

/** Started by `luoshi serve`: in-process jobs, Asia/Shanghai time, a job never overlaps itself. */
export function startSupervisionScheduler(deps: SchedulerDeps): { stop(): void } {
  const guard = (name: string, job: () => Promise<unknown>) => async () => {
    try {
      await job();
    } catch (error) {
      deps.log?.(`supervision ${name} job failed`, error);
    }
  };
  const jobs = [
    // Just after midnight the day's statuses; at 01:00 again (idempotent) before the reminders.
    new Cron(
      "1 0 * * *",
      { timezone: TZ, protect: true },
      guard("status", () => startupRun(deps)),
    ),
    new Cron(
      "0 1 * * *",
      { timezone: TZ, protect: true },
      guard("daily", () => dailyRun(deps)),
    ),
    new Cron(
      "30 * * * *",
      { timezone: TZ, protect: true },
      guard("late deliveries", () =>
        retryDeliveries(deps.db, { now: deps.now ?? (() => new Date()), post: post(deps), sleep }),
      ),
    ),
    // Periodic returns (晨午检 …): within five minutes of each cut-off, the missing ones are chased.
    new Cron(
      "*/5 * * * *",
      { timezone: TZ, protect: true },
      guard("returns chase", async () => {
        const now = deps.now ?? (() => new Date());
        await chaseReturns(deps.db, { now, post: post(deps), sleep });
        await chaseOutbreaks(deps.db, await regionsWithClasses(deps.db), now());
      }),
    ),
    new Cron(
      "0 3 1 * *",
      { timezone: TZ, protect: true },
      guard("monthly", () => monthlyRun(deps)),
    ),
  ];
  return {
    stop: () => {
      for (const job of jobs) job.stop();
    },
  };
}
