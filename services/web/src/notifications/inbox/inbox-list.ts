import type { Notification } from '../../gen/frm/v1/notification_service_pb';

/** A notification that just landed goes on top; a copy of it already in the list leaves its old place. */
export function withArrival(list: readonly Notification[], arrival: Notification): Notification[] {
  return [arrival, ...list.filter((listed) => listed.id !== arrival.id)];
}

/**
 * What the inbox shows: the notifications that arrived while it was open, newest first, above the
 * pages read from the platform (unread first, then newest), each notification once. It is read when
 * any copy of it says so or it was marked read here: a page read earlier may predate the mark.
 */
export function inboxEntries(arrivals: readonly Notification[], listed: readonly Notification[], markedRead: ReadonlySet<string>): Notification[] {
  const read = new Set([...arrivals, ...listed].filter((notification) => notification.read).map((notification) => notification.id));
  const seen = new Set<string>();
  const entries: Notification[] = [];
  for (const notification of [...arrivals, ...listed]) {
    if (seen.has(notification.id)) continue;
    seen.add(notification.id);
    const isRead = read.has(notification.id) || markedRead.has(notification.id);
    entries.push(isRead === notification.read ? notification : { ...notification, read: isRead });
  }
  return entries;
}

/** The ids of the entries still unread. */
export function unreadIdsOf(entries: readonly Notification[]): string[] {
  return entries.filter((entry) => !entry.read).map((entry) => entry.id);
}
