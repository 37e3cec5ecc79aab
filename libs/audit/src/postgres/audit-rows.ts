import type { AuditAction } from '../entry/audit-action';
import type { AuditDetail, AuditEntry } from '../entry/audit-entry';

/** An audit row as the queries select it: the sequence as text and the time formatted as hashed. */
export interface AuditRow {
  log: string;
  sequence: string;
  entry_id: string;
  recorded_at: string;
  actor_id: string;
  action: string;
  target_type: string;
  target_id: string;
  reason: string;
  detail: AuditDetail;
  previous_hash: string;
  hash: string;
}

/** The columns of an audit row aliased `e`, selected as {@link AuditRow}. */
export const AUDIT_COLUMNS = `e.log, e.sequence::text as sequence, e.entry_id::text as entry_id,
  to_char(e.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as recorded_at,
  e.actor_id, e.action, e.target_type, e.target_id, e.reason, e.detail, e.previous_hash, e.hash`;

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    log: row.log,
    sequence: Number(row.sequence),
    entryId: row.entry_id,
    recordedAt: row.recorded_at,
    actorId: row.actor_id,
    // Read back as written: verification judges old entries by their hash, not by today's rules.
    action: row.action as AuditAction,
    target: { type: row.target_type, id: row.target_id },
    reason: row.reason,
    detail: row.detail,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}
