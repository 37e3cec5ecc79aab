import { GENESIS_HASH, type AuditEntryDraft } from '../entry/audit-entry';
import { hashAuditEntry } from './entry-hash';
import { nextAuditEntry } from './next-entry';

const draft: AuditEntryDraft = {
  entryId: '0B7E6F4C-3C1D-4F9A-9A55-6F1F2B7C8D90',
  actorId: '6f1d7c6e-8a43-4c55-9e62-3f0f8d1e2a11',
  action: 'status_change',
  target: { type: 'feature_request', id: 'a4d2c7e0-1b8f-4c3e-9d6a-5e7f8a9b0c1d' },
  reason: 'planned for the autumn release',
};
const at = new Date('2026-06-20T10:00:00.250Z');

describe('the next audit entry', () => {
  it('starts a log at sequence 1 after the genesis hash', () => {
    const first = nextAuditEntry('platform', undefined, draft, at);
    expect(first).toMatchObject({ log: 'platform', sequence: 1, previousHash: GENESIS_HASH, recordedAt: '2026-06-20T10:00:00.250Z', detail: {} });
    expect(first.entryId).toBe('0b7e6f4c-3c1d-4f9a-9a55-6f1f2b7c8d90');
    expect(first.hash).toBe(hashAuditEntry(first));
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('follows the head: one more sequence, the head\'s hash as previous hash', () => {
    const first = nextAuditEntry('platform', undefined, draft, at);
    const second = nextAuditEntry('platform', first, { ...draft, entryId: '1b7e6f4c-3c1d-4f9a-9a55-6f1f2b7c8d90' }, at);
    expect(second).toMatchObject({ sequence: 2, previousHash: first.hash });
    expect(second.hash).not.toBe(first.hash);
  });

  it("refuses a head of another log", () => {
    const first = nextAuditEntry('platform', undefined, draft, at);
    expect(() => nextAuditEntry('compliance', first, draft, at)).toThrow(/belongs to audit log "platform"/);
  });

  it.each([
    [{ entryId: 'retry-1' }, /entryId must be a UUID/],
    [{ actorId: 'Jane Doe' }, /actorId must be an id .* never a name or e-mail/],
    [{ actorId: 'jane@example.com' }, /actorId must be an id/],
    [{ action: 'delete_everything' }, /action must be one of status_change, merge/],
    [{ target: { type: 'Feature Request', id: 'x' } }, /target.type must be a kind of thing in snake_case/],
    [{ target: { type: 'feature_request', id: '' } }, /target.id must be an id/],
    [{ reason: '  ' }, /reason is required/],
    [{ reason: 'x'.repeat(501) }, /reason is longer than 500 characters/],
    [{ reason: 'asked by jane.doe@example.com' }, /reason looks like it holds an e-mail address/],
    [{ reason: 'two\nlines' }, /reason must be one line of printable text/],
    [{ detail: { note: 'the couple asked nicely' } }, /detail.note must be an id/],
    [{ detail: { score: Number.NaN } }, /detail.score must be a finite number/],
    [{ detail: { 'bad key': 1 } }, /detail key "bad key" must be a camelCase or snake_case name/],
    [{ detail: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i])) }, /detail has more than 20 keys/],
  ] as Array<[Partial<Record<keyof AuditEntryDraft, unknown>>, RegExp]>)('refuses %j', (change, message) => {
    expect(() => nextAuditEntry('platform', undefined, { ...draft, ...change } as AuditEntryDraft, at)).toThrow(message);
  });

  it('refuses a log name that could not be a Kafka key and a column value alike', () => {
    expect(() => nextAuditEntry('Platform Log', undefined, draft, at)).toThrow(/audit entry log name must be lowercase/);
  });
});
