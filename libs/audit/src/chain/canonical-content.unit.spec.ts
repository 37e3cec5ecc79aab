import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { AuditEntry } from '../entry/audit-entry';
import { auditChain } from './audit-chain.arbitrary';
import { canonicalContent, canonicalPrefix, canonicalTail } from './canonical-content';
import { hashAuditEntry } from './entry-hash';

const entry: AuditEntry = {
  log: 'platform',
  sequence: 2,
  entryId: '0b7e6f4c-3c1d-4f9a-9a55-6f1f2b7c8d90',
  recordedAt: '2026-06-20T10:00:00.250Z',
  actorId: '6f1d7c6e-8a43-4c55-9e62-3f0f8d1e2a11',
  action: 'merge',
  target: { type: 'feature_request', id: 'a4d2c7e0-1b8f-4c3e-9d6a-5e7f8a9b0c1d' },
  reason: 'duplicate of an earlier request — "seating planner"',
  detail: { votesMoved: 12, intoRequestId: 'c0ffee00-1b8f-4c3e-9d6a-5e7f8a9b0c1d' },
  previousHash: 'ab'.repeat(32),
  hash: '',
};

describe('canonical content of an audit entry', () => {
  it('is one line of JSON in the documented member order, with detail keys sorted', () => {
    expect(canonicalContent(entry)).toBe(
      '{"sequence":2,"previousHash":"' + 'ab'.repeat(32) + '","recordedAt":"2026-06-20T10:00:00.250Z","log":"platform",' +
        '"entryId":"0b7e6f4c-3c1d-4f9a-9a55-6f1f2b7c8d90","actorId":"6f1d7c6e-8a43-4c55-9e62-3f0f8d1e2a11","action":"merge",' +
        '"target":{"type":"feature_request","id":"a4d2c7e0-1b8f-4c3e-9d6a-5e7f8a9b0c1d"},' +
        '"reason":"duplicate of an earlier request — \\"seating planner\\"",' +
        '"detail":{"intoRequestId":"c0ffee00-1b8f-4c3e-9d6a-5e7f8a9b0c1d","votesMoved":12}}',
    );
    expect(() => JSON.parse(canonicalContent(entry))).not.toThrow();
  });

  it('is the prefix the log decides followed by the tail the caller decides', () => {
    expect(canonicalContent(entry)).toBe(canonicalPrefix(2, entry.previousHash, entry.recordedAt) + canonicalTail('platform', entry));
  });

  it('hashes to the SHA-256 of its UTF-8 bytes, whatever hash the entry claims', () => {
    const expected = createHash('sha256').update(Buffer.from(canonicalContent(entry), 'utf8')).digest('hex');
    expect(hashAuditEntry(entry)).toBe(expected);
    expect(hashAuditEntry({ ...entry, hash: 'f'.repeat(64) })).toBe(expected);
    // A fixed value: changing the canonical form would orphan every hash already stored.
    expect(expected).toBe(GOLDEN_HASH);
  });

  it('does not depend on the order of detail keys, and survives a JSON round trip (as through jsonb)', () => {
    fc.assert(
      fc.property(auditChain({ maxLength: 3 }), (chain) => {
        for (const stored of chain) {
          const reversed = { ...stored, detail: Object.fromEntries(Object.entries(stored.detail).reverse()) };
          expect(hashAuditEntry(reversed)).toBe(stored.hash);
          expect(hashAuditEntry(JSON.parse(JSON.stringify(stored)) as AuditEntry)).toBe(stored.hash);
        }
      }),
    );
  });
});

const GOLDEN_HASH = 'd65240fe08dba1e914e69f6148ab5e0bab133a5ac4d1c2ac358a2adc7d756b8a';
