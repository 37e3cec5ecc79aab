import { randomUUID } from 'node:crypto';
import { nextAuditEntry } from '../chain/next-entry';
import { headOf, type AuditEntryDraft } from '../entry/audit-entry';
import { InMemoryAuditLog } from '../store/in-memory-audit-log';
import { verifyAuditLog } from '../verify/verify-audit-log';
import { detectRewrite } from './detect-rewrite';

const draft = (): AuditEntryDraft => ({
  entryId: randomUUID(),
  actorId: 'svc:voting',
  action: 'vote_review',
  target: { type: 'vote', id: randomUUID() },
  reason: 'quarantined vote confirmed as a sockpuppet',
});

async function logOf(count: number): Promise<InMemoryAuditLog> {
  const log = new InMemoryAuditLog('platform');
  for (let i = 0; i < count; i++) await log.append(draft());
  return log;
}

describe('detectRewrite', () => {
  it('finds nothing while the table holds every published head', async () => {
    const log = await logOf(6);
    const heads = log.entries.filter((entry) => entry.sequence % 2 === 0).map(headOf);
    expect(await detectRewrite(log, heads)).toBeUndefined();
  });

  it('finds the first published head whose entry was rewritten, even when the new chain verifies', async () => {
    const log = await logOf(6);
    const heads = log.entries.map(headOf);
    // Rewritten from entry 4 on: a new, self-consistent chain of the same length.
    const rewritten = log.entries.slice(0, 3);
    for (let i = 0; i < 3; i++) rewritten.push(nextAuditEntry('platform', rewritten[rewritten.length - 1], draft(), new Date()));
    log.entries.splice(0, 6, ...rewritten);
    expect(await verifyAuditLog(log)).toMatchObject({ ok: true, checked: 6 });
    const found = await detectRewrite(log, [...heads].reverse());
    expect(found).toMatchObject({ published: heads[3], foundHash: rewritten[3]?.hash });
    expect(found?.message).toBe(
      `audit log "platform" was rewritten: entry 4 was published with hash ${heads[3]?.hash} but the table's entry hashes to ${rewritten[3]?.hash}`,
    );
  });

  it('finds the newest entries removed, which verification alone cannot see', async () => {
    const log = await logOf(4);
    const heads = log.entries.map(headOf);
    log.entries.splice(2);
    expect(await verifyAuditLog(log)).toMatchObject({ ok: true });
    expect(await detectRewrite(log, heads)).toMatchObject({ published: { sequence: 3 }, foundHash: undefined, message: expect.stringContaining('the table has no such entry') });
  });

  it("ignores other logs' heads", async () => {
    const log = await logOf(1);
    expect(await detectRewrite(log, [{ log: 'other', sequence: 1, hash: 'f'.repeat(64) }])).toBeUndefined();
  });
});
