import { randomUUID } from 'node:crypto';
import { quoteIdent } from '@frm/postgres';
import {
  AuditEntryIdReusedError,
  AuditLogMissingError,
  nextAuditEntry,
  PostgresAuditLog,
  verifyAuditLog,
  type AuditEntry,
  type AuditEntryDraft,
} from '../src';
import { pgliteBed, postgresBed, type AuditLogBed } from './audit-log-beds';

const draft = (change: Partial<AuditEntryDraft> = {}): AuditEntryDraft => ({
  entryId: randomUUID(),
  actorId: '6f1d7c6e-8a43-4c55-9e62-3f0f8d1e2a11',
  action: 'status_change',
  target: { type: 'feature_request', id: randomUUID() },
  reason: 'moved to planned after the spring review',
  detail: { fromStatus: 'under_review', toStatus: 'planned' },
  ...change,
});

describe.each([
  ['postgres', postgresBed],
  ['pglite', pgliteBed],
])('PostgresAuditLog on %s', (_engine, openBed) => {
  let bed: AuditLogBed;
  const logNamed = (log: string) => PostgresAuditLog.open(bed.db, { schema: bed.schema, log });

  beforeAll(async () => {
    bed = await openBed();
  });
  afterAll(() => bed?.cleanup());

  it('writes the entries the pure functions build, byte for byte, whatever the text holds', async () => {
    const log = await logNamed('exact');
    const drafts = [
      draft(),
      draft({ reason: 'Überprüfung — "quoted", back\\slash, tab-free, emoji 💍, 中文', detail: {} }),
      draft({ action: 'merge', detail: { votesMoved: 12, ratio: 0.1, big: 1e21, tiny: 5e-7, negative: -3, intoRequestId: randomUUID() } }),
    ];
    let previous: AuditEntry | undefined;
    for (const each of drafts) {
      const { entry, appended } = await log.append(each);
      expect(appended).toBe(true);
      expect(entry).toEqual(nextAuditEntry('exact', previous, each, new Date(entry.recordedAt)));
      previous = entry;
    }
    expect(await log.head()).toEqual(previous);
    expect(await verifyAuditLog(log)).toMatchObject({ ok: true, checked: 3 });
  });

  it('returns the entry already written for a retried append, and refuses an id reused for another act', async () => {
    const log = await logNamed('retries');
    const first = draft();
    const written = await log.append(first);
    const retried = await log.append({ ...first, entryId: first.entryId.toUpperCase() });
    expect(retried).toEqual({ appended: false, entry: written.entry });
    await expect(log.append({ ...first, reason: 'another act' })).rejects.toThrow(AuditEntryIdReusedError);
    await expect(log.append({ ...first, reason: 'another act' })).rejects.toThrow(/entry 1 of audit log "retries"/);
    expect((await log.read(0, 10)).length).toBe(1);
  });

  it('forms one unbroken chain from 50 appends made at once over several connections', async () => {
    const logs = await Promise.all((await bed.otherConnections(3)).map((db) => PostgresAuditLog.open(db, { schema: bed.schema, log: 'concurrent' })));
    const drafts = Array.from({ length: 50 }, () => draft());
    const results = await Promise.all(drafts.map((each, i) => (logs[i % logs.length] as PostgresAuditLog).append(each)));
    expect(results.map((result) => result.entry.sequence).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await verifyAuditLog(logs[0] as PostgresAuditLog, { pageSize: 7 })).toMatchObject({ ok: true, checked: 50, head: { sequence: 50 } });
    // Retried all at once too: nothing new.
    const retried = await Promise.all(drafts.map((each, i) => (logs[i % logs.length] as PostgresAuditLog).append(each)));
    expect(retried.every((result) => !result.appended)).toBe(true);
    expect((await logs[0]?.head())?.sequence).toBe(50);
  });

  it('keeps each log of one table its own chain', async () => {
    const [a, b] = [await logNamed('log-a'), await logNamed('log-b')];
    await a.append(draft());
    await b.append(draft());
    await a.append(draft());
    expect(await verifyAuditLog(a)).toMatchObject({ ok: true, checked: 2 });
    expect(await verifyAuditLog(b)).toMatchObject({ ok: true, checked: 1 });
  });

  it.each([
    ['UPDATE', `update audit_entries set reason = 'rewritten'`],
    ['UPDATE', `update audit_entries set reason = 'rewritten' where false`],
    ['DELETE', `delete from audit_entries`],
    ['TRUNCATE', `truncate audit_entries`],
  ])('refuses %s (%s) naming the append-only rule', async (operation, sql) => {
    const log = await logNamed('refusals');
    await log.append(draft());
    const table = `${quoteIdent(bed.schema)}.audit_entries`;
    await expect(bed.db.query(sql.replace('audit_entries', table))).rejects.toThrow(
      `audit log append-only rule: ${operation} on ${bed.schema}.audit_entries is refused`,
    );
    expect(await verifyAuditLog(log)).toMatchObject({ ok: true });
    expect((await log.read(0, 100)).length).toBeGreaterThan(0);
  });

  it('lets verification find an entry changed with the triggers disabled, naming its sequence', async () => {
    const log = await logNamed('tampered');
    for (let i = 0; i < 5; i++) await log.append(draft());
    await bed.tamper(`update audit_entries set actor_id = 'svc:innocent' where log = 'tampered' and sequence = 3`);
    const verdict = await verifyAuditLog(log, { pageSize: 2 });
    expect(verdict).toMatchObject({ ok: false, checked: 2, broken: { sequence: 3, problem: 'content_hash_mismatch' } });
    expect(verdict.ok || verdict.broken.message).toContain('audit log "tampered" is broken at entry 3');
  });

  it('lets verification find an entry removed with the triggers disabled, at the entry after it', async () => {
    const log = await logNamed('removed');
    for (let i = 0; i < 4; i++) await log.append(draft());
    await bed.tamper(`delete from audit_entries where log = 'removed' and sequence = 2`);
    expect(await verifyAuditLog(log)).toMatchObject({ ok: false, broken: { sequence: 3, problem: 'sequence_gap', expected: '2' } });
  });

  it('opens again and concurrently without harm, and attaches only to a log that exists', async () => {
    await Promise.all([logNamed('platform'), logNamed('platform'), logNamed('platform')]);
    await expect(PostgresAuditLog.attach(bed.db, { schema: bed.schema, log: 'exact' })).resolves.toBeInstanceOf(PostgresAuditLog);
    await expect(PostgresAuditLog.attach(bed.db, { schema: `${bed.schema}_missing` })).rejects.toThrow(AuditLogMissingError);
    await expect(PostgresAuditLog.attach(bed.db, { schema: `${bed.schema}_missing` })).rejects.toThrow(
      `no audit log in schema "${bed.schema}_missing"`,
    );
  });
});
