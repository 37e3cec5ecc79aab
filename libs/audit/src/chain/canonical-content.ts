import type { AuditEntry, AuditEntryDraft } from '../entry/audit-entry';

/**
 * The exact text an entry's hash covers: one line of JSON, no whitespace, members in this fixed
 * order — sequence, previousHash, recordedAt, log, entryId, actorId, action, target {type, id},
 * reason, detail (keys sorted) — with strings and numbers written as `JSON.stringify` writes them.
 * Fixed order rather than sorted keys because the Postgres adapter builds the first three members
 * in SQL ({@link canonicalPrefix}) and appends the rest as sent ({@link canonicalTail}).
 */
export function canonicalContent(entry: AuditEntry): string {
  return canonicalPrefix(entry.sequence, entry.previousHash, entry.recordedAt) + canonicalTail(entry.log, entry);
}

/** The members the log decides when it appends; `append_audit_entry` writes the same text in SQL. */
export function canonicalPrefix(sequence: number, previousHash: string, recordedAt: string): string {
  return `{"sequence":${JSON.stringify(sequence)},"previousHash":${JSON.stringify(previousHash)},"recordedAt":${JSON.stringify(recordedAt)},`;
}

/** The members the caller decides, closing the object. */
export function canonicalTail(log: string, draft: Required<AuditEntryDraft>): string {
  const detail = Object.keys(draft.detail)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${JSON.stringify(draft.detail[key])}`)
    .join(',');
  return (
    `"log":${JSON.stringify(log)},"entryId":${JSON.stringify(draft.entryId)},"actorId":${JSON.stringify(draft.actorId)},` +
    `"action":${JSON.stringify(draft.action)},"target":{"type":${JSON.stringify(draft.target.type)},"id":${JSON.stringify(draft.target.id)}},` +
    `"reason":${JSON.stringify(draft.reason)},"detail":{${detail}}}`
  );
}
