import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LEDGER_SCHEMA, ErasureLedger, reapplyErasureLedgerTo, STORES_CHECKED } from '@frm/compliance';
import { frmEventsV1, loadEventSchemaRegistry, timestampFromDate, toEventJson } from '@frm/contracts';
import { ArchiveShipper, LocalDirectoryBackupStore, type CatalogueEntry } from '@frm/event-archive';
import { eventIdFor, openPostgresEventStore, withSchemaValidation, type EventStore, type JsonObject, type RecordedEvent } from '@frm/event-store';
import { createLogger } from '@frm/logging';
import { InMemorySubjectKeyStore, LocalMasterKeys, PiiCipher, withPiiProtection } from '@frm/pii';
import { openPgDatabase, type SqlDatabase } from '@frm/postgres';
import { checksumProjection, ProjectionRunner, type ProjectionDefinition } from '@frm/projections';
import { SUBJECT_ERASURE } from '@frm/subject-keys-client';
import { freshDatabase, testPglite } from '@frm/testing';
import { platformPersonalFields } from '../src';
import {
  RestoreDrillCancelledError,
  RestoreDrillFailedError,
  runRestoreDrill,
  type DrillPhase,
  type DrillProgress,
  type RestoreDrillOptions,
} from '../src/drill';
import { platformProjections } from '../src/projections/platform-projections';

const logger = createLogger({ service: 'drill-test', level: 'silent' });
const DRILLED = ['feature_requests', 'votes'];

interface Engine {
  name: string;
  open(): Promise<{ db: SqlDatabase; close(): Promise<void> }>;
}

const engines: Engine[] = [
  {
    name: 'Postgres server (a database of its own)',
    async open() {
      const database = await freshDatabase('drill');
      const db = await openPgDatabase({ connectionString: database.url, maxConnections: 6, applicationName: 'frm-drill-test' });
      const close = async () => {
        await db.close();
        await database.drop();
      };
      return { db, close };
    },
  },
  {
    name: 'embedded PGlite',
    async open() {
      const pglite = await testPglite();
      return { db: pglite.db, close: () => pglite.cleanup() };
    },
  },
];

describe.each(engines)('the restore drill on $name', (engine) => {
  let db: SqlDatabase;
  let closeDb: () => Promise<void>;
  let raw: EventStore;
  let live: EventStore;
  let wrap: (store: EventStore) => EventStore;
  let cipher: PiiCipher;
  let runners: ProjectionRunner[];
  let backupDir: string;
  let shipper: ArchiveShipper;
  let projections: ProjectionDefinition[];
  const requests: { id: string; author: string }[] = [];

  beforeAll(async () => {
    ({ db, close: closeDb } = await engine.open());
    cipher = new PiiCipher(new InMemorySubjectKeyStore(), new LocalMasterKeys(randomBytes(32)));
    const schemaRegistry = loadEventSchemaRegistry();
    wrap = (store) => withPiiProtection(withSchemaValidation(store, schemaRegistry), cipher, platformPersonalFields(), SUBJECT_ERASURE);
    raw = await openPostgresEventStore(db);
    live = wrap(raw);
    projections = platformProjections().filter((projection) => DRILLED.includes(projection.name));
    for (let i = 0; i < 12; i++) await submitRequest();
    await castVotes(500);
    backupDir = await mkdtemp(join(tmpdir(), 'frm-drill-'));
    // The backups hold what the store holds: ciphertext.
    shipper = new ArchiveShipper({ eventStore: raw, backupStore: await LocalDirectoryBackupStore.open(backupDir) });
    expect((await shipper.shipOnce()).snapshot?.eventCount).toBe(512);
    await castVotes(300);
    // Shipped before the runners start: a runner's transaction ending in the middle of the shipper's
    // read can make Postgres' readAll stop short (a known event-store race), which is not under test here.
    expect((await shipper.shipSegment())?.eventCount).toBe(300);
    runners = projections.map((projection) => new ProjectionRunner({ projection, eventStore: live, db }));
    for (const runner of runners) await runner.start();
    await caughtUp();
  });
  afterAll(async () => {
    for (const runner of runners ?? []) await runner.stop();
    await raw?.close();
    await closeDb?.();
    if (backupDir) await rm(backupDir, { recursive: true, force: true });
  });

  async function append(stream: string, type: { $type: string }, data: JsonObject): Promise<void> {
    await live.appendToStream(stream, [{ id: eventIdFor(randomUUID(), 0), type: type.$type, data }], { expectedRevision: 'any' });
  }
  async function submitRequest(): Promise<void> {
    const request = { id: randomUUID(), author: randomUUID() };
    requests.push(request);
    await append(
      `feature-request-${request.id}`,
      frmEventsV1.FeatureRequestSubmitted,
      toEventJson(frmEventsV1.FeatureRequestSubmitted, {
        ...frmEventsV1.FeatureRequestSubmitted.fromPartial({}),
        featureRequestId: request.id,
        occurredAt: timestampFromDate(new Date()),
        authorId: request.author,
        title: `Seating plan export ${requests.length}`,
        description: 'Print the seating plan for the venue',
        category: 'planning-tools',
      }) as JsonObject,
    );
  }
  async function castVotes(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const featureRequestId = requests[i % requests.length]?.id as string;
      const voterId = randomUUID();
      await append(
        `vote-${featureRequestId}-${voterId}`,
        frmEventsV1.VoteCast,
        toEventJson(frmEventsV1.VoteCast, {
          ...frmEventsV1.VoteCast.fromPartial({}),
          voteId: randomUUID(),
          occurredAt: timestampFromDate(new Date()),
          featureRequestId,
          voterId,
          weight: 1,
          tallyEffect: { counted: '1', flagged: '0', weighted: 1 },
        }) as JsonObject,
      );
    }
  }
  async function caughtUp(): Promise<void> {
    const head = await raw.headPosition();
    for (const runner of runners) if (head) expect(await runner.waitUntilApplied(head, 30_000)).toBe(true);
  }
  async function newest(): Promise<RecordedEvent | undefined> {
    let last: RecordedEvent | undefined;
    for await (const page of raw.readAll()) last = page[page.length - 1];
    return last;
  }
  /** What the drill must leave as it found: the live store's head and every live schema's rows. */
  async function liveState() {
    const schemas = ['projection_feature_requests', 'projection_votes'];
    return {
      head: await raw.headPosition(),
      checksums: await Promise.all(schemas.map(async (schema) => (await checksumProjection(db, schema)).checksum)),
    };
  }
  async function drillSchemas(): Promise<string[]> {
    return (await db.query<{ name: string }>(`select nspname as name from pg_namespace where starts_with(nspname, 'drill_')`)).map((row) => row.name);
  }
  async function drill(overrides: Partial<RestoreDrillOptions> = {}) {
    const backups = await LocalDirectoryBackupStore.open(backupDir);
    return runRestoreDrill({ db, backups, liveEventStore: live, wrapEventStore: wrap, projections, logger, batchSize: 200, ...overrides });
  }

  it('restores the backups, verifies every projection against the live events, measures RPO and RTO, and leaves the live system as it was', async () => {
    const backedUp = await newest();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await castVotes(25); // after the last segment: what a restore now would lose
    await caughtUp();
    const liveNewest = await newest();
    const before = await liveState();
    const progress: DrillProgress[] = [];

    const report = await drill({ onProgress: (update) => progress.push(update) });

    expect(report).toMatchObject({
      restored: { files: ['snapshot-000001.ndjson.gz', 'segment-000002.ndjson.gz'], events: 812, newestRecordedAt: backedUp?.recordedAt },
      liveNewestRecordedAt: liveNewest?.recordedAt,
      ledger: { applied: false, schema: DEFAULT_LEDGER_SCHEMA },
      verified: true,
      leftBehind: [],
    });
    const gapSeconds = ((liveNewest?.recordedAt.getTime() ?? 0) - (backedUp?.recordedAt.getTime() ?? 0)) / 1000;
    expect(gapSeconds).toBeGreaterThanOrEqual(0.3);
    expect(report.rpoSeconds).toBe(gapSeconds);
    expect(report.withinTargets).toEqual({ rpo: true, rto: true });
    expect(report.rtoSeconds).toBeGreaterThan(0);
    expect(report.projections.map((check) => [check.name, check.matches, check.comparedWith, check.differences])).toEqual([
      ['feature_requests', true, 'live-events', []],
      ['votes', true, 'live-events', []],
    ]);
    expect(report.events).toEqual({ matches: true, events: 812 });
    expect(report.projections.find((check) => check.name === 'votes')?.restoredEvents).toBe(812);
    // The events are compared while the copies are rebuilt: their updates interleave.
    const phasesSeen = new Set(progress.map((update) => update.phase));
    expect(phasesSeen).toEqual(new Set(['verify-files', 'restore', 'rebuild', 'verify-events', 'compare', 'cleanup'] satisfies DrillPhase[]));
    expect(report.phases.reference).toBe(0);
    expect(progress.filter((update) => update.phase === 'restore').at(-1)).toEqual({ phase: 'restore', done: 812, total: 812 });
    logTimings(engine.name, 'gap of 25 events', report);

    expect(await liveState()).toEqual(before);
    expect(await drillSchemas()).toEqual([]);
  });

  it('verifies with reference copies built from the live events when told to, with the same verdict', async () => {
    const before = await liveState();
    const progress: DrillProgress[] = [];

    const report = await drill({ verifyWith: 'reference-copies', onProgress: (update) => progress.push(update) });

    expect(report.verified).toBe(true);
    expect(report.events).toBeUndefined();
    expect(report.projections.map((check) => [check.name, check.matches, check.comparedWith, check.differences])).toEqual([
      ['feature_requests', true, 'reference-copy', []],
      ['votes', true, 'reference-copy', []],
    ]);
    expect([...new Set(progress.map((update) => update.phase))]).toEqual(['verify-files', 'restore', 'rebuild', 'compare', 'reference', 'cleanup'] satisfies DrillPhase[]);
    expect(report.phases['verify-events']).toBe(0);
    expect(await liveState()).toEqual(before);
    expect(await drillSchemas()).toEqual([]);
  });

  it('compares with the live copies themselves when they stand at the last backed-up event', async () => {
    await shipper.shipSegment();
    await caughtUp();
    const before = await liveState();

    const report = await drill();

    expect(report.rpoSeconds).toBe(0);
    expect(report.projections.map((check) => [check.name, check.matches, check.comparedWith, check.liveCopyMatches])).toEqual([
      ['feature_requests', true, 'live-copy', true],
      ['votes', true, 'live-copy', true],
    ]);
    expect(report.phases.reference).toBe(0);
    logTimings(engine.name, 'caught up', report);
    expect(await liveState()).toEqual(before);
    expect(await drillSchemas()).toEqual([]);
  });

  it('reports a damaged live copy, yet verifies the restore through the live events or a reference copy built from them', async () => {
    const votes = 'projection_votes';
    const [tally] = await db.query<{ feature_request_id: string }>(`select feature_request_id from ${votes}.tallies order by feature_request_id limit 1`);
    await db.query(`update ${votes}.tallies set counted = counted + 100 where feature_request_id = $1`, [tally?.feature_request_id]);
    try {
      const report = await drill();
      expect(report.verified).toBe(true);
      expect(report.projections.find((check) => check.name === 'votes')).toMatchObject({ matches: true, comparedWith: 'live-events', liveCopyMatches: false });
      expect(report.projections.find((check) => check.name === 'feature_requests')).toMatchObject({ comparedWith: 'live-copy', liveCopyMatches: true });

      const withReference = await drill({ verifyWith: 'reference-copies' });
      expect(withReference.verified).toBe(true);
      expect(withReference.projections.find((check) => check.name === 'votes')).toMatchObject({ matches: true, comparedWith: 'reference-copy', liveCopyMatches: false });
    } finally {
      await db.query(`update ${votes}.tallies set counted = counted - 100 where feature_request_id = $1`, [tally?.feature_request_id]);
    }
  });

  it('reports a projection whose rebuilt rows differ, by table and row counts, without failing', async () => {
    const report = await drill({ projections: [coinFlips], liveSchemaOf: () => 'projection_coin_flips', verifyWith: 'reference-copies' });
    expect(report.verified).toBe(false);
    expect(report.projections).toEqual([
      expect.objectContaining({ name: 'coin_flips', matches: false, comparedWith: 'reference-copy', differences: [{ table: 'flips', restoredRows: 825, liveRows: 825 }] }),
    ]);
    expect(await drillSchemas()).toEqual([]);
  });

  it('reports a live event that no longer equals its backup, naming it, and the tables that changes', async () => {
    const [vote] = await db.query<{ event_id: string; data: JsonObject }>(
      `select event_id, data from event_store.events where event_type = $1 order by global_position limit 1`,
      [frmEventsV1.VoteCast.$type],
    );
    const eventId = vote?.event_id as string;
    await db.query(`update event_store.events set data = jsonb_set(data, '{weight}', '7') where event_id = $1`, [eventId]);
    try {
      // Were the live copies compared, they would still match the restored ones: built before the change.
      const report = await drill({ compareWithLiveCopies: false });
      expect(report.verified).toBe(false);
      expect(report.events).toMatchObject({ matches: false, firstDifference: `event ${eventId} differs in its data` });
      expect(report.projections.map((check) => [check.name, check.matches, check.comparedWith, check.differences.map((difference) => difference.table)])).toEqual([
        ['feature_requests', true, 'reference-copy', []],
        ['votes', false, 'reference-copy', ['votes']],
      ]);
    } finally {
      await db.query(`update event_store.events set data = $2 where event_id = $1`, [eventId, vote?.data]);
    }
    expect(await drillSchemas()).toEqual([]);
  });

  it('re-applies erasures the backups lack to the restored store only, on a copy of the ledger', async () => {
    const [erased, interrupted] = requests as [(typeof requests)[0], (typeof requests)[0]];
    const ledger = await ErasureLedger.open(db);
    // An erasure completed after the last backup: its key is gone and SubjectErased is in the live store only.
    await ledger.record(certificateFor(erased.author), 1, '');
    await cipher.erase(erased.author);
    await reapplyErasureLedgerTo({ db, eventStore: live, logger, keySchema: 'live_keys', auditSchema: 'live_audit' });
    // An erasure whose process stopped before completing it: the live service completes it at its next start.
    await ledger.record(certificateFor(interrupted.author), 1, '');
    await caughtUp();
    const ledgerBefore = await ledgerRows();
    expect(ledgerBefore.map((row) => row.completed)).toEqual([true, false]);
    const before = await liveState();

    const report = await drill();

    expect(report.ledger).toEqual({ applied: true, schema: DEFAULT_LEDGER_SCHEMA, entries: 2, keysDeleted: 0, eventsAppended: 2 });
    expect(report.verified).toBe(true);
    expect(report.projections.map((check) => [check.name, check.ledgerEventsApplied])).toEqual([
      ['feature_requests', 2],
      ['votes', 2],
    ]);
    expect(await ledgerRows()).toEqual(ledgerBefore);
    expect(await raw.readStream(`data-subject-${interrupted.author}`)).toEqual([]);
    expect(await liveState()).toEqual(before);
    expect(await drillSchemas()).toEqual([]);
  });

  it('fails naming a damaged backup file, and leaves nothing behind', async () => {
    const catalogue = JSON.parse(await readFile(join(backupDir, 'catalogue.json'), 'utf8')) as { segments: CatalogueEntry[] };
    const damaged = catalogue.segments[0]?.name as string;
    const original = await readFile(join(backupDir, damaged));
    const copy = Buffer.from(original);
    copy[copy.length >> 1] = (copy[copy.length >> 1] as number) ^ 0xff;
    await writeFile(join(backupDir, damaged), copy);
    const before = await liveState();
    try {
      const failure = await drill().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(RestoreDrillFailedError);
      expect(failure).toMatchObject({ phase: 'verify-files', leftBehind: [] });
      expect((failure as Error).message).toContain(damaged);
      expect((failure as Error).message).toContain('the live system was not changed');
    } finally {
      await writeFile(join(backupDir, damaged), original);
    }
    expect(await liveState()).toEqual(before);
    expect(await drillSchemas()).toEqual([]);
  });

  it.each(['restore', 'ledger', 'rebuild', 'verify-events', 'reference', 'compare'] satisfies DrillPhase[])('drops everything it made when cancelled while in phase %s', async (phase) => {
    const cancel = new AbortController();
    const before = await liveState();
    const failure = await drill({
      batchSize: 100,
      signal: cancel.signal,
      compareWithLiveCopies: false,
      verifyWith: phase === 'reference' || phase === 'compare' ? 'reference-copies' : 'live-events',
      onProgress: (update) => {
        if (update.phase === phase) cancel.abort();
      },
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(RestoreDrillCancelledError);
    // Cancelling after a projection's comparison stops before the next one, in whichever step the last
    // one ended; the events are compared while the copies are rebuilt, so either may notice first.
    expect(failure).toMatchObject({ leftBehind: [], ...(phase === 'compare' || phase === 'verify-events' ? {} : { phase }) });
    expect((failure as Error).message).toContain('Its scratch schemas were dropped; the live system was not changed');
    expect(await liveState()).toEqual(before);
    expect(await drillSchemas()).toEqual([]);
  });

  async function ledgerRows() {
    const rows = await db.query<{ subject_id: string; completed_at: Date | null }>(
      `select subject_id, completed_at from ${DEFAULT_LEDGER_SCHEMA}.erasures order by erased_at, certificate_id`,
    );
    return rows.map((row) => ({ subject: row.subject_id, completed: row.completed_at !== null, completedAt: row.completed_at ? new Date(row.completed_at).toISOString() : null }));
  }
});

/** Not a pure projection: each build flips its own coins, so no two copies agree. */
const coinFlips: ProjectionDefinition = {
  name: 'coin_flips',
  version: 1,
  eventTypePrefixes: [frmEventsV1.VoteCast.$type],
  schemaSql: (schema) => [`create table ${schema.table('flips')} (event_id uuid primary key, heads boolean not null)`],
  handle: (event, schema) => [{ sql: `insert into ${schema.table('flips')} values ($1, random() < 0.5)`, params: [event.id] }],
};

function certificateFor(subjectId: string) {
  return {
    certificateId: randomUUID(),
    subjectId,
    erasedAt: new Date().toISOString(),
    erased: [],
    storesChecked: [...STORES_CHECKED],
    requestedBy: randomUUID(),
  };
}

function logTimings(engine: string, situation: string, report: Awaited<ReturnType<typeof runRestoreDrill>>): void {
  if (!process.env['FRM_DRILL_TIMINGS']) return;
  process.stdout.write(
    `${engine}, ${situation}: ${report.restored.events} events, RTO ${report.rtoSeconds.toFixed(2)} s, RPO ${report.rpoSeconds} s, phases ${JSON.stringify(report.phases)}\n`,
  );
}
