import type { AuditEntry, AuditEntryDraft } from '../entry/audit-entry';
import { canonicalTail } from '../chain/canonical-content';
import { AuditEntryIdReusedError } from './audit-entry-id-reused.error';

/** The entry already written under the draft's id, if the draft repeats it; otherwise the id was reused. */
export function sameActOrThrow(log: string, existing: AuditEntry, draft: Required<AuditEntryDraft>): AuditEntry {
  if (existing.log !== log || canonicalTail(existing.log, existing) !== canonicalTail(log, draft)) {
    throw new AuditEntryIdReusedError(draft.entryId, existing.sequence, existing.log);
  }
  return existing;
}
