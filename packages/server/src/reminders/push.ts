import type { Database } from "../db/database.js";
import * as repo from "./reminders.repository.js";
import { noticeDelivery, send } from "./reminders.service.js";
import type { SendDeps } from "./webhooks.js";

/** A notice event just recorded for a unit (new or escalated 督办单). */
export interface UnitNotification {
  region_id: string;
  org_id: string;
  user_id: string | null;
  delivery_key: string;
  entity_id: string;
  title: string;
  body: string;
}

/**
 * Sends notice events to the robots of the unit (and the bureau-wide robots) at once, rather than
 * at the next daily run: the same delivery key as the daily run's, so a message goes out once.
 * What fails here is sent again by the hourly late-delivery round.
 */
export async function pushNoticeEvents(database: Database, rows: UnitNotification[], deps: SendDeps) {
  const db = database;
  const unitRows = rows.filter((r) => r.user_id === null);
  if (unitRows.length === 0) return { delivered: 0, failed: 0 };
  const regionIds = [...new Set(unitRows.map((r) => r.region_id))];
  const endpoints = (await repo.listEndpointsForRun(db, regionIds)).filter(
    (e) => e.enabled && e.events.includes("new_notice"),
  );
  const at = deps.now().toISOString();
  const deliveries = endpoints.flatMap((e) =>
    unitRows
      .filter((n) => n.region_id === e.region_id && (e.org_id === n.org_id || e.org_id === e.region_id))
      .map((n) => noticeDelivery(e, n, at)),
  );
  if (deliveries.length === 0) return { delivered: 0, failed: 0 };
  return send(db, endpoints, await repo.claimDeliveries(db, deliveries), deps);
}
