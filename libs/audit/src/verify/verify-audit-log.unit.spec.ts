import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../entry/audit-entry';
import { InMemoryAuditLog } from '../store/in-memory-audit-log';
import { verifyAuditLog, type VerifyProgress } from './verify-audit-log';

async function logOf(count: number): Promise<InMemoryAuditLog> {
  const log = new InMemoryAuditLog('platform');
  for (let i = 0; i < count; i++) {
    await log.append({
      entryId: randomUUID(),
      actorId: 'svc:dr-orchestrator',
      action: 'projection_rebuild',
      target: { type: 'projection', id: 'feature_requests' },
      reason: 'nightly consistency check found drift',
      detail: { version: i },
    });
  }
  return log;
}

describe('verifyAuditLog', () => {
  it('walks the whole chain in pages, reporting progress', async () => {
    const log = await logOf(25);
    const progress: VerifyProgress[] = [];
    const verdict = await verifyAuditLog(log, { pageSize: 10, onProgress: (p) => progress.push(p) });
    expect(verdict).toEqual({ ok: true, log: 'platform', checked: 25, head: { log: 'platform', sequence: 25, hash: log.entries[24]?.hash } });
    expect(progress).toEqual([
      { checked: 10, total: 25 },
      { checked: 20, total: 25 },
      { checked: 25, total: 25 },
    ]);
  });

  it('verifies an empty log', async () => {
    expect(await verifyAuditLog(new InMemoryAuditLog('platform'))).toEqual({ ok: true, log: 'platform', checked: 0, head: undefined });
  });

  it.each([9, 10, 11, 25])('names the first broken entry wherever it falls among the pages (entry %i)', async (sequence) => {
    const log = await logOf(25);
    const index = sequence - 1;
    log.entries[index] = { ...(log.entries[index] as AuditEntry), actorId: 'svc:someone-else' };
    const verdict = await verifyAuditLog(log, { pageSize: 10 });
    expect(verdict).toMatchObject({ ok: false, checked: sequence - 1, broken: { sequence, problem: 'content_hash_mismatch' } });
  });

  it('finds an entry removed at a page boundary', async () => {
    const log = await logOf(25);
    log.entries.splice(10, 1);
    expect(await verifyAuditLog(log, { pageSize: 10 })).toMatchObject({ ok: false, broken: { sequence: 12, problem: 'sequence_gap', expected: '11' } });
  });

  it('starts after an archived boundary when given one', async () => {
    const log = await logOf(25);
    const boundary = log.entries[14] as AuditEntry;
    log.entries.splice(0, 15);
    expect(await verifyAuditLog(log, { pageSize: 4 })).toMatchObject({ ok: false, broken: { sequence: 16, problem: 'sequence_gap' } });
    expect(await verifyAuditLog(log, { pageSize: 4, after: boundary })).toMatchObject({ ok: true, checked: 10, head: { sequence: 25 } });
  });
});
