import fc from 'fast-check';
import { AUDIT_ACTIONS } from '../entry/audit-action';
import { checkAuditDraft } from '../entry/audit-draft-rules';
import type { AuditEntry, AuditEntryDraft } from '../entry/audit-entry';
import { nextAuditEntry } from './next-entry';

/** Test support: drafts the log accepts, and whole chains built from them. */
const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,24}$/);

export const auditDraft: fc.Arbitrary<AuditEntryDraft> = fc
  .record({
    entryId: fc.uuid(),
    actorId: id,
    action: fc.constantFrom(...AUDIT_ACTIONS),
    target: fc.record({ type: fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/), id }),
    reason: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
    detail: fc.dictionary(
      fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,12}$/),
      fc.oneof(id, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
      { maxKeys: 5 },
    ),
  })
  .filter((draft) => accepted(draft));

export function auditChain(options: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<AuditEntry[]> {
  return fc
    .array(auditDraft, { minLength: options.minLength ?? 1, maxLength: options.maxLength ?? 12 })
    .map((drafts) => buildChain('test', drafts));
}

export function buildChain(log: string, drafts: readonly AuditEntryDraft[], start = Date.UTC(2026, 5, 20, 10)): AuditEntry[] {
  const chain: AuditEntry[] = [];
  drafts.forEach((draft, index) => chain.push(nextAuditEntry(log, chain[index - 1], draft, new Date(start + index * 1_000))));
  return chain;
}

function accepted(draft: AuditEntryDraft): boolean {
  try {
    checkAuditDraft(draft);
    return true;
  } catch {
    return false;
  }
}
