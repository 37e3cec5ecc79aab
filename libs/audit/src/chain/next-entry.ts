import { GENESIS_HASH, type AuditEntry, type AuditEntryDraft, type AuditHead } from '../entry/audit-entry';
import { checkAuditDraft, checkLogName } from '../entry/audit-draft-rules';
import { hashAuditEntry } from './entry-hash';

/**
 * The entry that follows `head` (or starts log `log` when there is no head yet): the next sequence,
 * the head's hash as previous hash, and its own hash. Throws {@link InvalidAuditEntryError} for a
 * draft that does not hold only ids and numbers.
 */
export function nextAuditEntry(log: string, head: AuditHead | undefined, draft: AuditEntryDraft, recordedAt: Date): AuditEntry {
  checkLogName(log);
  if (head !== undefined && head.log !== log) {
    throw new Error(`the head given belongs to audit log "${head.log}", not "${log}"; pass the head of the log appended to`);
  }
  const unhashed = {
    ...checkAuditDraft(draft),
    log,
    sequence: (head?.sequence ?? 0) + 1,
    recordedAt: recordedAt.toISOString(),
    previousHash: head?.hash ?? GENESIS_HASH,
  };
  return { ...unhashed, hash: hashAuditEntry(unhashed) };
}
