import type { AuditHead } from '../entry/audit-entry';
import type { AuditLogReader } from '../store/audit-log.port';

/**
 * Publishes a log's head somewhere the database's owner cannot rewrite, so that a table rewritten
 * later (even into a chain that verifies) no longer matches what was published.
 */
export interface AuditHeadPublisher {
  publish(head: AuditHead): Promise<void>;
}

/**
 * Publishes the log's current head, if it has one, and returns it. Call it after appends or on a
 * timer: every head published pins the chain up to it.
 */
export async function publishAuditHead(store: AuditLogReader, publisher: AuditHeadPublisher): Promise<AuditHead | undefined> {
  const entry = await store.head();
  if (entry === undefined) return undefined;
  const head: AuditHead = { log: entry.log, sequence: entry.sequence, hash: entry.hash };
  await publisher.publish(head);
  return head;
}
