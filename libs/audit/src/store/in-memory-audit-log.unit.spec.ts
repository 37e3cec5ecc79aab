import { randomUUID } from 'node:crypto';
import type { AuditEntryDraft } from '../entry/audit-entry';
import { verifyAuditChain } from '../chain/verify-chain';
import { InMemoryAuditLog } from './in-memory-audit-log';

const draft = (change: Partial<AuditEntryDraft> = {}): AuditEntryDraft => ({
  entryId: randomUUID(),
  actorId: 'svc:compliance',
  action: 'erasure',
  target: { type: 'subject', id: randomUUID() },
  reason: 'GDPR Art. 17 request',
  detail: { keysDeleted: 1 },
  ...change,
});

describe('InMemoryAuditLog', () => {
  it('chains appends and returns the entry already written for a retried one', async () => {
    const log = new InMemoryAuditLog('compliance');
    const first = draft();
    const appended = await log.append(first);
    await log.append(draft());
    const retried = await log.append(first);
    expect(appended).toMatchObject({ appended: true, entry: { sequence: 1 } });
    expect(retried).toEqual({ appended: false, entry: appended.entry });
    expect(log.entries).toHaveLength(2);
    expect(verifyAuditChain('compliance', log.entries)).toMatchObject({ ok: true, checked: 2 });
  });

  it('refuses an entry id reused for another act, naming the entry that holds it', async () => {
    const log = new InMemoryAuditLog('compliance');
    const first = draft();
    await log.append(first);
    await expect(log.append({ ...first, reason: 'another reason' })).rejects.toThrow(
      `audit entry id ${first.entryId} already names a different act (entry 1 of audit log "compliance")`,
    );
  });

  it('reads in sequence order after a sequence, and by sequences', async () => {
    const log = new InMemoryAuditLog();
    for (let i = 0; i < 5; i++) await log.append(draft());
    expect((await log.read(1, 2)).map((e) => e.sequence)).toEqual([2, 3]);
    expect((await log.entriesAt([5, 2, 9])).map((e) => e.sequence)).toEqual([2, 5]);
    expect((await log.head())?.sequence).toBe(5);
  });
});
