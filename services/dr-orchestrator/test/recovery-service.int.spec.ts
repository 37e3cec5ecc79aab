import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDirectoryBackupStore } from '@frm/event-archive';
import { status, type ServiceError } from '@grpc/grpc-js';
import { PostgresAuditLog } from '@frm/audit';
import { callerMetadataOf, type CallerClaims } from '@frm/caller';
import { frmV1 } from '@frm/contracts';
import { openPostgresEventStore, type EventStore } from '@frm/event-store';
import { createLogger } from '@frm/logging';
import { MemoryCacheStore, ReadCache } from '@frm/read-cache';
import { quoteIdent } from '@frm/postgres';
import { ProjectionRunner, projectionSchemaNames } from '@frm/projections';
import { ServiceTestClient, testPostgres, waitUntil, type TestPostgres } from '@frm/testing';
import { votesProjection } from '@frm/voting';
import { startDrOrchestrator, type RunningDrOrchestrator } from '../src';
import { featureRequestSubmitted, voteCast } from './support/platform-events';

const THURSDAY = new Date('2026-11-26T10:00:00Z');
const SATURDAY = new Date('2026-11-28T10:00:00Z');
const admin: CallerClaims = { subject: randomUUID(), roles: ['admin'] };
const product: CallerClaims = { subject: randomUUID(), roles: ['product'] };

class RecoveryClient extends ServiceTestClient<frmV1.RecoveryServiceController, CallerClaims> {
  constructor(address: string) {
    super(address, frmV1.RecoveryServiceService, frmV1, (as) => callerMetadataOf(as));
  }
}

describe('RecoveryService on Postgres', () => {
  let pg: TestPostgres;
  let eventStore: EventStore;
  let live: ProjectionRunner;
  let orchestrator: RunningDrOrchestrator;
  const cacheStore = new MemoryCacheStore();
  let client: RecoveryClient;
  let now = THURSDAY;
  let liveSchema: string;
  let auditSchema: string;
  let backupDir: string;
  const requests = [randomUUID(), randomUUID(), randomUUID()];

  const castVotes = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const { streamId, event } = voteCast(requests[i % requests.length] as string);
      await eventStore.appendToStream(streamId, [event], { expectedRevision: 'no_stream' });
    }
  };
  const caughtUp = async () => {
    const head = await eventStore.headPosition();
    if (head) expect(await live.waitUntilApplied(head, 20_000)).toBe(true);
  };
  const tallies = () => pg.db.query<{ feature_request_id: string; counted: string }>(`select feature_request_id, counted::text from ${quoteIdent(liveSchema)}.tallies order by feature_request_id`);

  beforeAll(async () => {
    pg = await testPostgres({ prefix: 'dr' });
    const eventStoreSchema = `${pg.schema}_events`;
    liveSchema = `${pg.schema}_votes`;
    auditSchema = `${pg.schema}_audit`;
    eventStore = await openPostgresEventStore(pg.db, { schema: eventStoreSchema });
    await PostgresAuditLog.open(pg.db, { schema: auditSchema });
    for (const featureRequestId of requests) {
      await eventStore.appendToStream(`feature-request-${featureRequestId}`, [featureRequestSubmitted(featureRequestId)], { expectedRevision: 'no_stream' });
    }
    await castVotes(30);
    live = new ProjectionRunner({ projection: votesProjection, eventStore, db: pg.db, schema: liveSchema });
    await live.start();
    await caughtUp();
    orchestrator = await startDrOrchestrator({
      db: pg.db,
      logger: createLogger({ service: 'dr-test', level: 'silent' }),
      openEventStore: () => openPostgresEventStore(pg.db, { schema: eventStoreSchema }),
      port: 0,
      projections: [votesProjection],
      projectionSchemas: { votes: liveSchema },
      clock: () => now,
      auditSchema,
      cacheStore,
    });
    backupDir = await mkdtemp(join(tmpdir(), 'frm-dr-backups-'));
    client = new RecoveryClient(orchestrator.address);
  });
  // Started after the first orchestrator so that its shipper does not race the tests' rebuilds for the CPU.
  let backedUp: RunningDrOrchestrator | undefined;
  afterAll(async () => {
    client?.close();
    await backedUp?.close();
    await orchestrator?.close();
    if (backupDir) await rm(backupDir, { recursive: true, force: true });
    await live?.stop();
    await eventStore?.close();
    if (pg) {
      for (const schema of [`${pg.schema}_events`, liveSchema, ...Object.values(projectionSchemaNames(liveSchema)), auditSchema]) {
        await pg.db.exec(`drop schema if exists ${quoteIdent(schema)} cascade`);
      }
      await pg.cleanup();
    }
  });
  beforeEach(() => {
    now = THURSDAY;
  });

  it('lists each projection with its checkpoint, lag in events and seconds, and state', async () => {
    const caught = await client.call('listProjections', {}, product);
    expect(caught.projections).toEqual([
      {
        name: 'votes',
        version: votesProjection.version,
        schema: liveSchema,
        checkpoint: caught.head,
        lagEvents: '0',
        lagSeconds: 0,
        state: frmV1.ProjectionState.PROJECTION_STATE_CAUGHT_UP,
      },
    ]);

    await live.stop();
    await castVotes(3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const behind = (await client.call('listProjections', {}, product)).projections[0];
    expect(behind?.state).toBe(frmV1.ProjectionState.PROJECTION_STATE_BEHIND);
    expect(Number(behind?.lagEvents)).toBeGreaterThanOrEqual(3);
    expect(behind?.lagSeconds).toBeGreaterThanOrEqual(0.3);
    await live.start();
    await caughtUp();
  });

  it('verifies a projection, and finds a tally changed by hand with both versions of the row', async () => {
    const verified = await client.streamed('verifyProjection', { name: 'votes' }, admin);
    const report = verified.at(-1)?.report;
    expect(report).toMatchObject({ projection: 'votes', schema: liveSchema, matches: true });
    expect(report?.tables.map((table) => table.table)).toEqual(['feature_requests', 'tallies', 'votes']);
    expect(verified.slice(0, -1).every((update) => update.progress?.projection === 'votes')).toBe(true);

    const [first] = await tallies();
    await pg.db.query(`update ${quoteIdent(liveSchema)}.tallies set counted = counted + 100 where feature_request_id = $1`, [first?.feature_request_id]);
    const damaged = (await client.streamed('verifyProjection', { name: 'votes' }, admin)).at(-1)?.report;
    expect(damaged?.matches).toBe(false);
    const tally = damaged?.tables.find((table) => table.table === 'tallies');
    expect(tally).toMatchObject({ matches: false, liveRows: '3', rebuiltRows: '3' });
    expect(tally?.onlyInLive.map((row) => JSON.parse(row))).toEqual([expect.objectContaining({ feature_request_id: first?.feature_request_id, counted: Number(first?.counted) + 100 })]);
    expect(tally?.onlyInRebuilt.map((row) => JSON.parse(row))).toEqual([expect.objectContaining({ feature_request_id: first?.feature_request_id, counted: Number(first?.counted) })]);
    await pg.db.query(`update ${quoteIdent(liveSchema)}.tallies set counted = counted - 100 where feature_request_id = $1`, [first?.feature_request_id]);
  });

  it('rebuilds with progress, swapping only a copy that verifies, or one whose differences are accepted', async () => {
    const equal = await client.streamed('rebuildProjection', { name: 'votes' }, admin);
    const phases = equal.flatMap((update) => (update.progress ? [update.progress.phase] : []));
    expect(phases.at(-1)).toBe(frmV1.BuildPhase.BUILD_PHASE_DONE);
    expect(equal.at(-1)?.outcome).toMatchObject({ projection: 'votes', swapped: true, verification: { matches: true }, overrideAuditEntryId: '' });
    expect(Number(equal.at(-1)?.outcome?.eventsApplied)).toBeGreaterThanOrEqual(33);

    const before = await tallies();
    const [first] = before;
    await live.stop();
    await pg.db.query(`update ${quoteIdent(liveSchema)}.tallies set counted = 999 where feature_request_id = $1`, [first?.feature_request_id]);
    const refused = (await client.streamed('rebuildProjection', { name: 'votes' }, admin)).at(-1)?.outcome;
    expect(refused).toMatchObject({ swapped: false, verification: { matches: false } });
    expect(refused?.verification?.tables.find((table) => !table.matches)?.table).toBe('tallies');
    expect((await tallies())[0]?.counted).toBe('999');
    // A service has cached the hand-edited tally (as voting caches tallies of the votes projection).
    const tallyCache = new ReadCache({ name: 'tallies', projection: 'votes', store: cacheStore, logger: createLogger({ service: 'dr-test', level: 'silent' }) });
    const cachedTally = () =>
      tallyCache.read({ key: String(first?.feature_request_id), codec: { encode: (v: string) => Buffer.from(v), decode: (b) => b.toString() }, load: async () => String((await tallies())[0]?.counted) });
    expect(await cachedTally()).toBe('999');

    const repaired = (await client.streamed('rebuildProjection', { name: 'votes', acceptDifferences: true }, admin)).at(-1)?.outcome;
    expect(repaired).toMatchObject({ swapped: true, verification: { matches: false } });
    expect(await tallies()).toEqual(before);
    // The swap made the cached answers of the votes projection stale: the service reads the repaired row.
    expect(await cachedTally()).toBe(String(before[0]?.counted));
    await live.start();
    await caughtUp();
  });

  it('refuses a rebuild on a wedding day, naming the rule, unless an admin forces it with a reason that is audited', async () => {
    now = SATURDAY;
    const refused = await streamFailure(client.streamed('rebuildProjection', { name: 'votes' }, admin));
    expect(refused.code).toBe(status.FAILED_PRECONDITION);
    expect(refused.details).toBe(
      'RebuildProjection is refused: it is Saturday 2026-11-28 in Europe/London, a wedding day (FRM_FREEZE_WEEKDAYS); risky operations wait until ' +
        '2026-11-29 (Europe/London), or an admin forces this one with a reason (force_reason), which is audited',
    );
    const audit = await PostgresAuditLog.attach(pg.db, { schema: auditSchema });
    const entriesBefore = (await audit.head())?.sequence ?? 0;

    const requestId = randomUUID();
    const forced = (await client.streamed('rebuildProjection', { name: 'votes', forceReason: 'Tallies wrong since the 09:00 deploy', requestId }, admin)).at(-1)?.outcome;
    expect(forced).toMatchObject({ swapped: true });
    const head = await audit.head();
    expect(head?.sequence).toBe(entriesBefore + 1);
    expect(forced?.overrideAuditEntryId).toBe(head?.entryId);
    const again = (await client.streamed('rebuildProjection', { name: 'votes', forceReason: 'Tallies wrong since the 09:00 deploy', requestId }, admin)).at(-1)?.outcome;
    expect(again?.overrideAuditEntryId).toBe(forced?.overrideAuditEntryId);
    expect((await audit.head())?.sequence).toBe(entriesBefore + 1);

    // Reading is never frozen.
    expect((await client.call('listProjections', {}, product)).projections).toHaveLength(1);
  });

  it('is for admins (listing for the product team too), and names the known projections for an unknown one', async () => {
    expect((await streamFailure(client.streamed('rebuildProjection', { name: 'votes' }, product))).code).toBe(status.PERMISSION_DENIED);
    expect((await streamFailure(client.streamed('verifyProjection', { name: 'votes' }, product))).code).toBe(status.PERMISSION_DENIED);
    expect((await client.failure('listProjections', {}, { subject: randomUUID(), roles: ['couple'] })).code).toBe(status.PERMISSION_DENIED);
    const unknown = await streamFailure(client.streamed('rebuildProjection', { name: 'tallys' }, admin));
    expect(unknown.code).toBe(status.NOT_FOUND);
    expect(unknown.details).toBe('projection "tallys" (known projections: votes) was not found');
  });

  it('answers ABORTED to a second rebuild of the same projection, and a cancelled rebuild leaves the live copy and no shadow', async () => {
    await castVotes(300);
    await caughtUp();
    const before = await tallies();
    const liveOid = await schemaOid(liveSchema);
    // Holding the live copy's lock keeps the first rebuild from finishing while the second one asks.
    let release: () => void = () => undefined;
    let locked: () => void = () => undefined;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const held = pg.db.transaction(async (tx) => {
      await tx.query(`select pg_advisory_xact_lock(hashtext($1))`, [`frm.projection:${liveSchema}`]);
      locked();
      await new Promise<void>((resolve) => (release = resolve));
    });
    // The lock must be held before the rebuild starts, or a quick rebuild swaps before it is taken.
    await lockTaken;
    const first = client.stream('rebuildProjection', { name: 'votes' }, admin);
    const firstEnded = new Promise<ServiceError | undefined>((resolve) => {
      first.on('error', (error: ServiceError) => resolve(error));
      first.on('end', () => resolve(undefined));
      first.on('data', () => undefined);
    });
    await waitUntil('the first rebuild has its shadow copy', async () => (await schemaExists(projectionSchemaNames(liveSchema).shadow)));
    const second = await streamFailure(client.streamed('rebuildProjection', { name: 'votes' }, admin));
    expect(second.code).toBe(status.ABORTED);
    expect(second.details).toContain('votes');

    first.cancel();
    // The cancel must reach the service (a stream reset, handled on its event loop) before the
    // rebuild may go on to its swap; a cancel that arrives after the swap has committed is too late.
    await new Promise((wake) => setTimeout(wake, 250));
    release();
    await held;
    expect((await firstEnded)?.code).toBe(status.CANCELLED);
    await waitUntil('the cancelled rebuild drops its shadow copy', async () => !(await schemaExists(projectionSchemaNames(liveSchema).shadow)));
    // Not swapped: the live schema is the very one it was (a swap renames another into its place).
    expect(await schemaOid(liveSchema)).toBe(liveOid);
    expect(await tallies()).toEqual(before);
  });

  async function schemaOid(schema: string): Promise<string | undefined> {
    const [row] = await pg.db.query<{ oid: string }>('select oid::text from pg_namespace where nspname = $1', [schema]);
    return row?.oid;
  }

  it('keeps backups: a snapshot, then segments within seconds of new events, listed with checksums and ages', async () => {
    const eventStoreSchema = `${pg.schema}_events`;
    backedUp = await startDrOrchestrator({
      db: pg.db,
      logger: createLogger({ service: 'dr-test', level: 'silent' }),
      openEventStore: () => openPostgresEventStore(pg.db, { schema: eventStoreSchema }),
      port: 0,
      projections: [votesProjection],
      projectionSchemas: { votes: liveSchema },
      auditSchema,
      backups: { store: await LocalDirectoryBackupStore.open(backupDir), segmentIntervalMs: 500 },
    });
    const backupClient = new RecoveryClient(backedUp.address);
    try {
      await waitUntil('the first snapshot', async () => (await backupClient.call('listBackups', {}, product)).snapshots.length === 1);
      await castVotes(5);
      const head = await eventStore.headPosition();
      await waitUntil('a segment holding the new votes', async () =>
        (await backupClient.call('listBackups', {}, product)).segments.some((segment) => head !== undefined && segment.toPosition === `${head.commit}/${head.prepare}`),
      );
      const listed = await backupClient.call('listBackups', {}, product);
      expect(listed.location).toContain(backupDir);
      expect(listed.snapshots[0]).toMatchObject({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), fromPosition: expect.any(String) });
      expect(Number(listed.snapshots[0]?.eventCount)).toBeGreaterThanOrEqual(33);
      expect(listed.recoveryPointSeconds).toBeGreaterThanOrEqual(0);
      expect(listed.recoveryPointSeconds).toBeLessThan(30);
      expect(listed.newestSnapshotAgeSeconds).toBeGreaterThanOrEqual(0);
      // Without a backup directory there is nothing to list, and the answer says how to have some.
      const none = await client.failure('listBackups', {}, product);
      expect(none.code).toBe(status.FAILED_PRECONDITION);
      expect(none.details).toContain('set FRM_BACKUP_DIR');
      expect((await client.failure('listBackups', {}, { subject: randomUUID(), roles: ['supplier'] })).code).toBe(status.PERMISSION_DENIED);

      // A drill restores them, rebuilds the votes from them and finds the live system's tallies; one drill at a time.
      const first = backupClient.stream('runRestoreDrill', {}, admin);
      const firstUpdates: frmV1.RunRestoreDrillUpdate[] = [];
      const firstDone = new Promise<void>((resolve, reject) => {
        first.on('data', (update: frmV1.RunRestoreDrillUpdate) => firstUpdates.push(update));
        first.on('error', reject);
        first.on('end', () => resolve());
      });
      await waitUntil('the drill has begun', async () => firstUpdates.length > 0);
      const second = await streamFailure(backupClient.streamed('runRestoreDrill', {}, admin));
      expect(second).toMatchObject({ code: status.ABORTED, details: 'a restore drill is running already; wait for its report' });
      await firstDone;
      const report = firstUpdates.at(-1)?.report;
      expect(report).toMatchObject({ verified: true, withinRpoTarget: true, withinRtoTarget: true, projections: [{ name: 'votes', matches: true }] });
      expect(Number(report?.eventsRestored)).toBeGreaterThanOrEqual(38);
      expect(report?.rtoSeconds).toBeGreaterThan(0);
      expect(report?.rpoSeconds).toBeGreaterThanOrEqual(0);
      expect(firstUpdates.some((update) => update.progress?.phase === 'restore')).toBe(true);
      expect(await pg.db.query(`select nspname from pg_namespace where starts_with(nspname, $1)`, [`drill_${report?.drillId}_`])).toEqual([]);
      const noBackups = await streamFailure(client.streamed('runRestoreDrill', {}, admin));
      expect(noBackups).toMatchObject({ code: status.FAILED_PRECONDITION, details: expect.stringContaining('set FRM_BACKUP_DIR') });
    } finally {
      backupClient.close();
    }
  });

  async function schemaExists(schema: string): Promise<boolean> {
    const [row] = await pg.db.query<{ found: boolean }>('select exists (select 1 from pg_namespace where nspname = $1) as found', [schema]);
    return row?.found === true;
  }
});

async function streamFailure(call: Promise<unknown>): Promise<ServiceError> {
  const outcome = await call.then(
    () => undefined,
    (error: ServiceError) => error,
  );
  if (!outcome) throw new Error('the call succeeded but should have failed');
  return outcome;
}
