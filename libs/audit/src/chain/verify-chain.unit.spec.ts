import fc from 'fast-check';
import type { AuditEntry } from '../entry/audit-entry';
import { auditChain, auditDraft, buildChain } from './audit-chain.arbitrary';
import { hashAuditEntry } from './entry-hash';
import { verifyAuditChain } from './verify-chain';

/** A chain of at least two entries and the index of one of them. */
const chainAndIndex = auditChain({ minLength: 2 }).chain((chain) => fc.tuple(fc.constant(chain), fc.nat({ max: chain.length - 1 })));

type Change = (entry: AuditEntry) => AuditEntry;
const fieldChanges: Record<string, Change> = {
  sequence: (e) => ({ ...e, sequence: e.sequence + 1 }),
  recordedAt: (e) => ({ ...e, recordedAt: new Date(Date.parse(e.recordedAt) + 1).toISOString() }),
  entryId: (e) => ({ ...e, entryId: '00000000-0000-4000-8000-000000000000' }),
  actorId: (e) => ({ ...e, actorId: `${e.actorId}x` }),
  action: (e) => ({ ...e, action: e.action === 'merge' ? 'erasure' : 'merge' }),
  targetType: (e) => ({ ...e, target: { ...e.target, type: `${e.target.type}x` } }),
  targetId: (e) => ({ ...e, target: { ...e.target, id: `${e.target.id}x` } }),
  reason: (e) => ({ ...e, reason: `${e.reason}.` }),
  detail: (e) => ({ ...e, detail: { ...e.detail, added: 1 } }),
};

describe('verifying an audit chain', () => {
  it('accepts every chain the log builds, ending at its last entry', () => {
    fc.assert(
      fc.property(auditChain({ minLength: 0 }), (chain) => {
        const verdict = verifyAuditChain('test', chain);
        const last = chain[chain.length - 1];
        expect(verdict).toEqual({ ok: true, checked: chain.length, head: last && { log: 'test', sequence: last.sequence, hash: last.hash } });
      }),
    );
  });

  it.each(Object.keys(fieldChanges))('finds a changed %s, naming that entry', (field) => {
    fc.assert(
      fc.property(chainAndIndex, ([chain, index]) => {
        const tampered = chain.map((entry, i) => (i === index ? (fieldChanges[field] as Change)(entry) : entry));
        const verdict = verifyAuditChain('test', tampered);
        expect(verdict).toMatchObject({ ok: false, checked: index, broken: { sequence: tampered[index]?.sequence } });
        const expectedProblem = field === 'sequence' ? 'sequence_gap' : 'content_hash_mismatch';
        expect(verdict.ok || verdict.broken.problem).toBe(expectedProblem);
      }),
    );
  });

  it('refuses entries of another log, whose name their hashes cover', () => {
    fc.assert(
      fc.property(auditChain(), (chain) => {
        const moved = buildChain('other', chain);
        expect(verifyAuditChain('test', moved)).toMatchObject({ ok: false, broken: { sequence: 1, problem: 'content_hash_mismatch' } });
      }),
    );
  });

  it('finds a changed previous hash, naming that entry', () => {
    fc.assert(
      fc.property(chainAndIndex, ([chain, index]) => {
        const tampered = chain.map((entry, i) => (i === index ? { ...entry, previousHash: 'e'.repeat(64) } : entry));
        expect(verifyAuditChain('test', tampered)).toMatchObject({
          ok: false,
          checked: index,
          broken: { sequence: index + 1, problem: 'previous_hash_mismatch', expected: chain[index - 1]?.hash ?? '0'.repeat(64) },
        });
      }),
    );
  });

  it('finds an entry changed with its hash recomputed at the entry after it', () => {
    fc.assert(
      fc.property(chainAndIndex.filter(([chain, index]) => index < chain.length - 1), ([chain, index]) => {
        const changed = { ...(chain[index] as AuditEntry), reason: 'rewritten' };
        const tampered = chain.map((entry, i) => (i === index ? { ...changed, hash: hashAuditEntry(changed) } : entry));
        expect(verifyAuditChain('test', tampered)).toMatchObject({ ok: false, broken: { sequence: index + 2, problem: 'previous_hash_mismatch' } });
      }),
    );
  });

  it('finds a removed entry at the entry after the gap', () => {
    fc.assert(
      fc.property(chainAndIndex.filter(([chain, index]) => index < chain.length - 1), ([chain, index]) => {
        const tampered = chain.filter((_, i) => i !== index);
        expect(verifyAuditChain('test', tampered)).toMatchObject({
          ok: false,
          checked: index,
          broken: { sequence: index + 2, problem: 'sequence_gap', expected: String(index + 1), found: String(index + 2) },
        });
      }),
    );
  });

  it('finds two entries swapped at the first of them', () => {
    fc.assert(
      fc.property(chainAndIndex.filter(([chain, index]) => index < chain.length - 1), ([chain, index]) => {
        const tampered = [...chain];
        [tampered[index], tampered[index + 1]] = [chain[index + 1] as AuditEntry, chain[index] as AuditEntry];
        expect(verifyAuditChain('test', tampered)).toMatchObject({
          ok: false,
          checked: index,
          broken: { sequence: index + 2, problem: 'sequence_gap', expected: String(index + 1) },
        });
      }),
    );
  });

  it('cannot see the newest entries removed: that is what published heads are for', () => {
    fc.assert(
      fc.property(auditChain({ minLength: 2 }), (chain) => {
        expect(verifyAuditChain('test', chain.slice(0, -1))).toMatchObject({ ok: true, checked: chain.length - 1 });
      }),
    );
  });

  it('continues a chain after a given entry, as a page or an archived boundary', () => {
    fc.assert(
      fc.property(chainAndIndex, ([chain, index]) => {
        const anchor = chain[index] as AuditEntry;
        const rest = chain.slice(index + 1);
        expect(verifyAuditChain('test', rest, anchor)).toMatchObject({ ok: true, checked: rest.length });
      }),
    );
  });

  it('says in one line which entry is broken, how and what it means', () => {
    const chain = buildChain('platform', fc.sample(auditDraft, { numRuns: 3, seed: 7 }));
    const tampered = chain.map((entry, i) => (i === 1 ? { ...entry, reason: 'rewritten' } : entry));
    const verdict = verifyAuditChain('platform', tampered);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok || verdict.broken.message).toMatch(
      /^audit log "platform" is broken at entry 2: its content hashes to [0-9a-f]{64} but its stored hash is [0-9a-f]{64}: the entry was changed after it was written$/,
    );
  });
});
