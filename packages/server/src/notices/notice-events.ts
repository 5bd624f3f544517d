import type { Database } from "../db/database.js";
import { insertNotifications, type NewNotification, usersNamed } from "../reminders/reminders.repository.js";
import type { NotificationEvent } from "../supervision/schema.js";

/** The in-app notifications of the 督办 loop, written in the transaction of the change they announce. */

/** "@张三" or "@zhangsan": a name runs to the next space or punctuation. */
export function mentionedNames(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/@([^\s@，。,.;；:：!！?？、（）()]{1,40})/g)) names.add(m[1]!);
  return [...names];
}

export interface NoticeRef {
  region_id: string;
  id: string;
  doc_no: string;
}

/** One notification per person of the region named with @ in the text (not the writer). */
export async function mentionNotifications(
  trx: Database,
  notice: NoticeRef,
  sourceId: string,
  text: string,
  by: { userId: string; displayName: string },
): Promise<NewNotification[]> {
  const users = await usersNamed(trx, notice.region_id, mentionedNames(text));
  return users
    .filter((u) => u.id !== by.userId)
    .map((u) => ({
      region_id: notice.region_id,
      org_id: u.org_id,
      user_id: u.id,
      event: "mention" as const,
      entity_kind: "notice",
      entity_id: notice.id,
      title: `${by.displayName}在${notice.doc_no}中提到了您`,
      body: text.slice(0, 200),
      delivery_key: `mention:${sourceId}:${u.id}`,
    }));
}

/** A notice notification addressed to a unit (user null) or to one person. */
export const noticeNotification = (
  notice: NoticeRef,
  to: { orgId: string; userId?: string | null },
  event: NotificationEvent,
  title: string,
  body: string,
  key: string,
): NewNotification => ({
  region_id: notice.region_id,
  org_id: to.orgId,
  user_id: to.userId ?? null,
  event,
  entity_kind: "notice",
  entity_id: notice.id,
  title,
  body,
  delivery_key: key,
});

export const notify = insertNotifications;
