/**
 * The privileged acts the audit log records. The set is closed (an append names one of these) and
 * grows by adding a name here; a name is never removed or renamed, because entries that carry it
 * stay in the log, hash-chained, for the whole retention period.
 */
export const AUDIT_ACTIONS = [
  'status_change',
  'merge',
  'vote_review',
  'erasure',
  'export',
  'key_rotation',
  'projection_rebuild',
  'admin_override',
  'unmerge',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(name: unknown): name is AuditAction {
  return (AUDIT_ACTIONS as readonly unknown[]).includes(name);
}
