/**
 * `npm run bench:recovery`: disaster recovery with FRM_BENCH_EVENTS (1,000,000) events — feature
 * requests (FRM_BENCH_REQUESTS, 10,000) and votes cast on them — in the Postgres event store of a
 * fresh database on the local server (FRM_BENCH_DATABASE_URL). JSON lines on stdout, each against a
 * baseline measured in the same run; progress on stderr.
 *
 *  - rebuild: ProjectionRebuilder rebuilding the votes projection beside its live copy, events/s,
 *    against a raw scan of the events table plus multi-row inserts (jsonb_to_recordset) of the same
 *    rows into tables of the same definition, in batches of the same size (target ratio 0.5);
 *  - snapshot: ArchiveShipper.takeSnapshot() into a local backup directory, seconds per million
 *    events, against a raw readAll of the same events;
 *  - restore drill: after the snapshot, live traffic (FRM_BENCH_TRAFFIC_RATE votes/s, 20) with the
 *    shipper's loop shipping a segment every 10 s and the votes runner keeping its live copy; the
 *    disaster strikes once FRM_BENCH_TRAFFIC_SECONDS (15) have passed, just before the next segment
 *    is due (the worst case of the cadence); then runRestoreDrill: RTO (target ≤ 300 s) against
 *    a raw import of the same events plus the raw rebuild above, RPO (target ≤ 30 s) against the
 *    time a segment takes to ship, the restore's events/s against openPostgresEventImport fed by a
 *    raw scan, and the time of every phase.
 *
 * FRM_BENCH_DRILL_PROJECTIONS (all: every one the platform registers) names the projections the
 * drill restores and verifies, e.g. `votes,feature_requests` (intake's board, default trend
 * half-life). FRM_BENCH_DRILL_VERIFY (live-events) is how copies whose live copy moved on are
 * verified: `reference-copies` builds every projection a second time from the live events. FRM_BENCH_BATCH (1,000): events per batch of the
 * rebuild and of its baseline. FRM_BENCH_KEEP=1 keeps the database and the backups for a look.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { createBenchDatabase, reportResult, startProgress, type Progress } from '@frm/bench';
import { frmEventsV1, loadEventSchemaRegistry, type EventSchemaRegistry } from '@frm/contracts';
import { ArchiveShipper, DEFAULT_SEGMENT_INTERVAL_MS, LocalDirectoryBackupStore, type CatalogueEntry, type WriteProgress } from '@frm/event-archive';
import { openPostgresEventImport, openPostgresEventStore, withSchemaValidation, type EventStore, type ImportedEvent, type JsonObject } from '@frm/event-store';
import { createLogger, type Logger } from '@frm/logging';
import { openPgDatabase, quoteIdent, type SqlDatabase } from '@frm/postgres';
import { ProjectionRebuilder, ProjectionRunner, projectionSchema, type ProjectionDefinition } from '@frm/projections';
import { votesProjection } from '@frm/voting';
import { runRestoreDrill, type DrillPhase, type DrillProgress, type DrillReport, type DrillVerification } from '../src/drill';
import { platformProjections } from '../src/projections/platform-projections';
import { BenchHistory } from './recovery-events';

const serverUrl = process.env['FRM_BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const EVENTS = Number(process.env['FRM_BENCH_EVENTS'] ?? 1_000_000);
const REQUESTS = Number(process.env['FRM_BENCH_REQUESTS'] ?? Math.max(1, Math.min(10_000, Math.floor(EVENTS / 100))));
const BATCH = Number(process.env['FRM_BENCH_BATCH'] ?? 1_000);
const TRAFFIC_RATE = Number(process.env['FRM_BENCH_TRAFFIC_RATE'] ?? 20);
const TRAFFIC_SECONDS = Number(process.env['FRM_BENCH_TRAFFIC_SECONDS'] ?? 15);
const DRILL_PROJECTIONS = (process.env['FRM_BENCH_DRILL_PROJECTIONS'] ?? 'all').split(',').map((name) => name.trim()).filter(Boolean);
const DRILL_VERIFY = drillVerification(process.env['FRM_BENCH_DRILL_VERIFY'] ?? 'live-events');
const SEGMENT_INTERVAL_MS = DEFAULT_SEGMENT_INTERVAL_MS;
/** The shipper's default page size: the snapshot's baseline reads with the same. */
const SHIPPER_PAGE_SIZE = 2_000;
const IMPORT_BATCH = 2_000;
const RTO_TARGET_SECONDS = 300;
const RPO_TARGET_SECONDS = 30;
const REBUILD_TARGET = 0.5;
const LIVE_EVENTS = 'event_store';
const RAW_READ_MODEL = 'bench_raw_votes';
const RAW_IMPORT = 'bench_raw_import';
const EVENTS_TABLE = `${quoteIdent(LIVE_EVENTS)}.events`;
const VOTE_CAST = frmEventsV1.VoteCast.$type;
const SUBMITTED = frmEventsV1.FeatureRequestSubmitted.$type;

const log = (text: string) => process.stderr.write(`${text}\n`);
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const secondsSince = (started: number) => (performance.now() - started) / 1000;

/** The shipper's callbacks, pointed at whichever step is running. */
const shipping: { onWrite?: (progress: WriteProgress) => void; onShipped?: (entry: CatalogueEntry) => void } = {};

async function main(): Promise<void> {
  const database = await createBenchDatabase(serverUrl, 'bench_recovery');
  const db = await openPgDatabase({ connectionString: database.url, maxConnections: 8, applicationName: 'frm-bench-recovery' });
  const backupDir = await mkdtemp(join(tmpdir(), 'frm-bench-recovery-'));
  // Warnings only, on stderr: stdout keeps the JSON results.
  const logger = createLogger({ service: 'recovery-bench', level: 'warn', destination: pino.destination({ fd: 2, sync: true }) });
  const registry = loadEventSchemaRegistry();
  const wrap = (store: EventStore) => withSchemaValidation(store, registry);
  const runners: ProjectionRunner[] = [];
  let raw: EventStore | undefined;
  let shipper: ArchiveShipper | undefined;
  try {
    log(`database ${database.name}, backups in ${backupDir}; ${EVENTS} events (${REQUESTS} feature requests), batches of ${BATCH}`);
    const history = new BenchHistory(EVENTS, REQUESTS, new Date(Date.now() - 3_600_000));
    const fillRate = await fillStore(db, history, registry);
    raw = await openPostgresEventStore(db, { schema: LIVE_EVENTS });
    const live = wrap(raw);
    await db.exec(`vacuum analyze ${EVENTS_TABLE}`);

    const projections = drillProjections();
    const rebuild = await benchRebuild(db, live, logger);
    const liveCopies: Record<string, number> = {};
    for (const projection of projections.filter((p) => p !== votesProjection)) {
      liveCopies[projection.name] = await buildLiveCopy(db, live, projection, logger);
    }

    const backups = await LocalDirectoryBackupStore.open(backupDir);
    shipper = new ArchiveShipper({
      eventStore: raw,
      backupStore: backups,
      // Only the first snapshot, taken here: a background one would compete with the drill for the two cores.
      snapshotIntervalMs: 6 * 3_600_000,
      logger,
      onWriteProgress: (progress) => shipping.onWrite?.(progress),
      onShipped: (entry) => shipping.onShipped?.(entry),
    });
    await benchSnapshot(live, shipper);
    const rawImport = await benchRawImport(db);

    for (const projection of projections) {
      const runner = new ProjectionRunner({ projection, eventStore: live, db, logger });
      await runner.start();
      runners.push(runner);
    }
    const traffic = await liveTraffic(live, history, shipper);
    const head = await live.headPosition();
    for (const runner of runners) if (head && !(await runner.waitUntilApplied(head, 120_000))) throw new Error(`the live ${runner.schema} did not catch up`);

    const report = await drill(db, backupDir, live, wrap, projections, logger);
    reportDrill(report, { rawImport, rawRebuildEventsPerSecond: rebuild.baselineEventsPerSecond, traffic, fillRate, liveCopies });
  } finally {
    await shipper?.stop().catch(() => undefined);
    for (const runner of runners) await runner.stop().catch(() => undefined);
    await raw?.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    if (process.env['FRM_BENCH_KEEP'] === '1') log(`kept ${database.url} and ${backupDir}`);
    else {
      await database.drop().catch((error: unknown) => log(`could not drop ${database.name}: ${String(error)}`));
      await rm(backupDir, { recursive: true, force: true });
    }
  }
}

function drillVerification(value: string): DrillVerification {
  if (value === 'live-events' || value === 'reference-copies') return value;
  throw new Error(`FRM_BENCH_DRILL_VERIFY is "${value}"; use live-events or reference-copies`);
}

/** The projections the drill restores: every service's, as the orchestrator knows them, by name. */
function drillProjections(): ProjectionDefinition[] {
  const known = platformProjections();
  if (DRILL_PROJECTIONS.length === 1 && DRILL_PROJECTIONS[0] === 'all') return known;
  return DRILL_PROJECTIONS.map((name) => {
    const projection = name === 'votes' ? votesProjection : known.find((candidate) => candidate.name === name);
    if (!projection) throw new Error(`FRM_BENCH_DRILL_PROJECTIONS names "${name}"; known: ${known.map((p) => p.name).join(', ')}`);
    return projection;
  });
}

/** The history imported as a restore imports it, every thousandth event checked against its schema. @returns events/s */
async function fillStore(db: SqlDatabase, history: BenchHistory, registry: EventSchemaRegistry): Promise<number> {
  const target = await openPostgresEventImport(db, { schema: LIVE_EVENTS });
  const progress = startProgress('history: events generated, imported', EVENTS);
  const started = performance.now();
  function* checked(): Generator<ImportedEvent> {
    let i = 0;
    for (const event of history.imported()) {
      if (i++ % 1_000 === 0) registry.validate(event.type, event.data);
      yield event;
    }
  }
  const { imported } = await target.importEvents(checked(), { batchSize: IMPORT_BATCH, onProgress: ({ done }) => progress.update(done) });
  progress.stop();
  const seconds = secondsSince(started);
  log(`history: ${imported} events in ${round(seconds)} s (generated through toEventJson and imported)`);
  return imported / seconds;
}

// ---------------------------------------------------------------------------------------------
// Projection rebuild

async function benchRebuild(db: SqlDatabase, live: EventStore, logger: Logger): Promise<{ baselineEventsPerSecond: number }> {
  const rebuilder = new ProjectionRebuilder({ projection: votesProjection, eventStore: live, db, batchSize: BATCH, logger });
  // The live copy, as a first rebuild makes it; it also warms the caches both measured runs read through.
  const first = await timedRebuild(rebuilder, 'votes: first build (live copy)');
  const baseline = await rawRebuild(db);
  const measured = await timedRebuild(rebuilder, 'votes: rebuild (ProjectionRebuilder)');
  const difference = await rowsDiffering(db);
  await db.exec(`drop schema ${quoteIdent(RAW_READ_MODEL)} cascade`);
  const baselineEventsPerSecond = baseline.events / baseline.seconds;
  reportResult(
    'recovery.rebuild.votes.events_per_second',
    { value: measured.events / measured.seconds, unit: 'events/s', baseline: baselineEventsPerSecond, target: REBUILD_TARGET },
    {
      events: measured.events,
      seconds: round(measured.seconds),
      baselineSeconds: round(baseline.seconds),
      firstBuildEventsPerSecond: round(first.events / first.seconds),
      batchSize: BATCH,
      rowsDifferingFromBaseline: difference,
      ratioIs: 'value/baseline',
      baseline_is: `a raw keyset scan of the events table (event_type, data) in pages of ${BATCH}, each page's rows inserted by one statement (jsonb_to_recordset: votes, feature_requests, tallies upserted) into tables of the projection's own definition; no decoding, checkpoint or swap`,
    },
  );
  return { baselineEventsPerSecond };
}

async function timedRebuild(rebuilder: ProjectionRebuilder, label: string): Promise<{ events: number; seconds: number }> {
  const progress = startProgress(label, EVENTS);
  const started = performance.now();
  const result = await rebuilder.rebuild({ onProgress: ({ eventsApplied }) => progress.update(eventsApplied) });
  const seconds = secondsSince(started);
  progress.stop();
  log(`${label}: ${result.eventsApplied} events in ${round(seconds)} s`);
  return { events: result.eventsApplied, seconds };
}

interface EventRow {
  position: string;
  event_type: string;
  data: Record<string, unknown>;
}

/** The baseline: the same rows the votes projection makes, by the shortest route. */
async function rawRebuild(db: SqlDatabase): Promise<{ events: number; seconds: number }> {
  const copy = projectionSchema(RAW_READ_MODEL);
  await db.exec(`drop schema if exists ${quoteIdent(RAW_READ_MODEL)} cascade; create schema ${quoteIdent(RAW_READ_MODEL)}`);
  for (const sql of votesProjection.schemaSql(copy)) await db.exec(sql);
  const insert = `with requests as (
      insert into ${copy.table('feature_requests')} (id, status, author_id)
      select id, 'submitted', author_id from jsonb_to_recordset($1::jsonb) as r(id uuid, author_id text)
      returning id
    ), cast_votes as (
      select * from jsonb_to_recordset($2::jsonb) as r(vote_id uuid, feature_request_id uuid, voter_id text, weight double precision,
        cast_at timestamptz, voter_account_created_at timestamptz, voter_supplier_type text, author_id text, signals jsonb,
        counted bigint, flagged bigint, weighted numeric)
    ), inserted as (
      insert into ${copy.table('votes')} (vote_id, feature_request_id, voter_id, state, weight, cast_at, voter_account_created_at, voter_supplier_type, author_id, signals)
      select vote_id, feature_request_id, voter_id, 'active', weight, cast_at, voter_account_created_at, voter_supplier_type, author_id, signals from cast_votes
    )
    insert into ${copy.table('tallies')} as tally (feature_request_id, counted, flagged, weighted)
    select feature_request_id, sum(counted), sum(flagged), sum(weighted)
    from (select feature_request_id, counted, flagged, weighted from cast_votes union all select id, 0, 0, 0 from requests) changes
    group by feature_request_id
    on conflict (feature_request_id) do update set counted = tally.counted + excluded.counted,
      flagged = tally.flagged + excluded.flagged, weighted = tally.weighted + excluded.weighted`;
  const scan = `select global_position::text as position, event_type, data from ${EVENTS_TABLE}
    where global_position > $1::bigint order by global_position limit ${BATCH}`;

  const progress = startProgress('votes: baseline raw scan + bulk insert', EVENTS);
  const started = performance.now();
  let after = '0';
  let events = 0;
  for (;;) {
    const rows = await db.query<EventRow>(scan, [after], { preparedAs: 'bench_recovery_scan' });
    const last = rows[rows.length - 1];
    if (!last) break;
    const requests: unknown[] = [];
    const votes: unknown[] = [];
    for (const { event_type: type, data } of rows) {
      if (type === VOTE_CAST) votes.push(voteRow(data));
      else if (type === SUBMITTED) requests.push({ id: data['featureRequestId'], author_id: data['authorId'] ?? '' });
    }
    await db.query(insert, [JSON.stringify(requests), JSON.stringify(votes)], { preparedAs: 'bench_recovery_insert' });
    events += rows.length;
    after = last.position;
    progress.update(events);
  }
  const seconds = secondsSince(started);
  progress.stop();
  log(`votes: baseline: ${events} events in ${round(seconds)} s`);
  return { events, seconds };
}

/** A VoteCast's row as the projection writes it (canonical JSON leaves out zero values). */
function voteRow(data: Record<string, unknown>): Record<string, unknown> {
  const signals = (data['signals'] ?? {}) as Record<string, unknown>;
  const effect = (data['tallyEffect'] ?? {}) as Record<string, unknown>;
  return {
    vote_id: data['voteId'],
    feature_request_id: data['featureRequestId'],
    voter_id: data['voterId'] ?? '',
    weight: data['weight'] ?? 0,
    cast_at: data['occurredAt'],
    voter_account_created_at: data['voterAccountCreatedAt'] ?? null,
    voter_supplier_type: data['voterSupplierType'] ?? '',
    author_id: data['featureRequestAuthorId'] ?? '',
    signals: {
      ipHash: signals['ipHash'] ?? '',
      networkHash: signals['networkHash'] ?? '',
      deviceHash: signals['deviceFingerprintHash'] ?? '',
      userAgentHash: signals['userAgentHash'] ?? '',
    },
    counted: effect['counted'] ?? '0',
    flagged: effect['flagged'] ?? '0',
    weighted: effect['weighted'] ?? 0,
  };
}

/** Rows in one copy and not the other, over the three tables: 0 when the baseline made what the rebuild made. */
async function rowsDiffering(db: SqlDatabase): Promise<number> {
  const [rawCopy, liveCopy] = [projectionSchema(RAW_READ_MODEL), projectionSchema('projection_votes')];
  let differing = 0;
  for (const table of ['feature_requests', 'votes', 'tallies']) {
    const [a, b] = [rawCopy.table(table), liveCopy.table(table)];
    const [row] = await db.query<{ rows: number }>(`select ((select count(*) from (table ${a} except all table ${b}) x) + (select count(*) from (table ${b} except all table ${a}) y))::int as rows`);
    differing += row?.rows ?? 0;
  }
  return differing;
}

/** Another drill projection's live copy, built as a first rebuild builds it. @returns seconds */
async function buildLiveCopy(db: SqlDatabase, live: EventStore, projection: ProjectionDefinition, logger: Logger): Promise<number> {
  const rebuilder = new ProjectionRebuilder({ projection, eventStore: live, db, batchSize: BATCH, logger });
  return round((await timedRebuild(rebuilder, `${projection.name}: first build (live copy)`)).seconds);
}

// ---------------------------------------------------------------------------------------------
// Snapshot

async function benchSnapshot(live: EventStore, shipper: ArchiveShipper): Promise<void> {
  let progress = startProgress(`snapshot: baseline readAll (pages of ${SHIPPER_PAGE_SIZE})`, EVENTS);
  let started = performance.now();
  let read = 0;
  for await (const page of live.readAll({ pageSize: SHIPPER_PAGE_SIZE })) {
    read += page.length;
    progress.update(read);
  }
  const baselineSeconds = secondsSince(started);
  progress.stop();

  progress = startProgress('snapshot: ArchiveShipper.takeSnapshot', EVENTS);
  shipping.onWrite = ({ done }) => progress.update(done);
  started = performance.now();
  const snapshot = await shipper.takeSnapshot();
  const seconds = secondsSince(started);
  shipping.onWrite = undefined;
  progress.stop();
  log(`snapshot: ${snapshot.eventCount} events, ${round(snapshot.sizeBytes / 1e6)} MB in ${round(seconds)} s; readAll of ${read} events in ${round(baselineSeconds)} s`);
  reportResult(
    'recovery.snapshot.seconds_per_million_events',
    { value: (seconds * 1e6) / snapshot.eventCount, unit: 's per 1M events', baseline: (baselineSeconds * 1e6) / read, higherIsBetter: false },
    {
      events: snapshot.eventCount,
      seconds: round(seconds),
      baselineSeconds: round(baselineSeconds),
      sizeMegabytes: round(snapshot.sizeBytes / 1e6),
      bytesPerEvent: Math.round(snapshot.sizeBytes / snapshot.eventCount),
      ratioIs: 'baseline/value',
      baseline_is: `a raw readAll of the same events from the event store, pages of ${SHIPPER_PAGE_SIZE} (the shipper's page size), nothing encoded, compressed or written`,
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Restore baseline: the same events imported straight from the live table

async function benchRawImport(db: SqlDatabase): Promise<{ events: number; seconds: number }> {
  const target = await openPostgresEventImport(db, { schema: RAW_IMPORT });
  const progress = startProgress('restore: baseline raw import', EVENTS);
  const started = performance.now();
  const { imported } = await target.importEvents(scanEvents(db), { batchSize: IMPORT_BATCH, onProgress: ({ done }) => progress.update(done) });
  const seconds = secondsSince(started);
  progress.stop();
  await db.exec(`drop schema ${quoteIdent(RAW_IMPORT)} cascade`);
  log(`restore: baseline: ${imported} events imported in ${round(seconds)} s`);
  return { events: imported, seconds };
}

interface StoredEventRow {
  position: string;
  id: string;
  stream_id: string;
  revision: string;
  event_type: string;
  data: JsonObject;
  metadata: JsonObject;
  recorded_at: Date;
}

async function* scanEvents(db: SqlDatabase): AsyncGenerator<ImportedEvent> {
  let after = '0';
  for (;;) {
    const rows = await db.query<StoredEventRow>(
      `select global_position::text as position, event_id::text as id, stream_id, stream_revision::text as revision, event_type, data, metadata, recorded_at
       from ${EVENTS_TABLE} where global_position > $1::bigint order by global_position limit ${IMPORT_BATCH}`,
      [after],
      { preparedAs: 'bench_recovery_scan_all' },
    );
    const last = rows[rows.length - 1];
    if (!last) return;
    for (const row of rows) {
      yield { id: row.id, streamId: row.stream_id, revision: BigInt(row.revision), type: row.event_type, data: row.data, metadata: row.metadata, recordedAt: row.recorded_at };
    }
    after = last.position;
  }
}

// ---------------------------------------------------------------------------------------------
// Live traffic, shipping, and the disaster

interface TrafficOutcome {
  appended: number;
  segments: CatalogueEntry[];
  /** Per segment: from reading the head to the catalogue listing the file. */
  shipMs: number[];
  seconds: number;
}

/**
 * Votes through the schema-validating store at TRAFFIC_RATE while the shipper's loop ships a segment
 * every SEGMENT_INTERVAL_MS; once TRAFFIC_SECONDS have passed and a segment has been shipped, the
 * traffic goes on until just before the next one is due, and then both stop: the disaster.
 */
async function liveTraffic(live: EventStore, history: BenchHistory, shipper: ArchiveShipper): Promise<TrafficOutcome> {
  const segments: CatalogueEntry[] = [];
  const shipMs: number[] = [];
  shipping.onShipped = (entry) => {
    if (entry.kind !== 'segment') return;
    segments.push(entry);
    shipMs.push(Date.now() - Date.parse(entry.createdAt));
  };
  const progress = startProgress(`live traffic @${TRAFFIC_RATE}/s, segments every ${SEGMENT_INTERVAL_MS / 1000} s`, Math.round(TRAFFIC_RATE * (TRAFFIC_SECONDS + SEGMENT_INTERVAL_MS / 1000)));
  const pauseMs = 1000 / TRAFFIC_RATE;
  const started = performance.now();
  let appended = 0;
  shipper.start();
  for (;;) {
    const due = started + (appended * 1000) / TRAFFIC_RATE;
    const { streamId, event } = history.next(new Date());
    await live.appendToStream(streamId, [event], { expectedRevision: 'no_stream' });
    appended += 1;
    progress.increment();
    const last = segments[segments.length - 1];
    if (secondsSince(started) >= TRAFFIC_SECONDS && last && Date.now() >= Date.parse(last.createdAt) + SEGMENT_INTERVAL_MS - 500) break;
    await sleep(Math.max(0, due + pauseMs - performance.now()));
  }
  await shipper.stop();
  shipping.onShipped = undefined;
  progress.stop();
  const seconds = secondsSince(started);
  const shipped = segments.reduce((sum, segment) => sum + segment.eventCount, 0);
  log(`live traffic: ${appended} events in ${round(seconds)} s, ${shipped} of them shipped in ${segments.length} segments (${shipMs.join(', ')} ms to ship)`);
  return { appended, segments, shipMs, seconds };
}

// ---------------------------------------------------------------------------------------------
// The drill

async function drill(
  db: SqlDatabase,
  backupDir: string,
  live: EventStore,
  wrap: (raw: EventStore) => EventStore,
  projections: ProjectionDefinition[],
  logger: Logger,
): Promise<DrillReport> {
  let bar: { key: string; progress: Progress } | undefined;
  const onProgress = ({ phase, projection, done, total }: DrillProgress) => {
    const key = `drill: ${phase}${projection ? ` ${projection}` : ''}${phase === 'verify-files' ? ' (bytes)' : ''}`;
    if (bar?.key !== key) {
      bar?.progress.stop();
      bar = { key, progress: startProgress(key, Math.max(total, 1)) };
    }
    bar.progress.update(done);
  };
  const report = await runRestoreDrill({
    db,
    backups: await LocalDirectoryBackupStore.open(backupDir),
    liveEventStore: live,
    wrapEventStore: wrap,
    projections,
    logger,
    onProgress,
    verifyWith: DRILL_VERIFY,
  });
  bar?.progress.stop();
  log(`drill ${report.drillId}: ${report.verified ? 'verified' : 'NOT verified'}, RTO ${round(report.rtoSeconds)} s, RPO ${report.rpoSeconds} s, phases ${JSON.stringify(report.phases)} ms`);
  return report;
}

interface DrillBaselines {
  rawImport: { events: number; seconds: number };
  rawRebuildEventsPerSecond: number;
  traffic: TrafficOutcome;
  fillRate: number;
  liveCopies: Record<string, number>;
}

function reportDrill(report: DrillReport, baselines: DrillBaselines): void {
  const { rawImport, traffic } = baselines;
  const phases = Object.fromEntries(Object.entries(report.phases).map(([phase, ms]) => [phase, round(ms / 1000)])) as Record<DrillPhase, number>;
  const restored = report.restored.events;
  const rawImportRate = rawImport.events / rawImport.seconds;
  const restoreSeconds = (report.phases['verify-files'] + report.phases.restore) / 1000;
  const common = { events: restored, files: report.restored.files.length, verified: report.verified, phasesSeconds: phases };

  reportResult(
    'recovery.drill.restore.events_per_second',
    { value: restored / restoreSeconds, unit: 'events/s', baseline: rawImportRate },
    {
      ...common,
      seconds: round(restoreSeconds),
      loadOnlyEventsPerSecond: round(restored / (report.phases.restore / 1000)),
      baselineSeconds: round(rawImport.seconds),
      historyFillEventsPerSecond: round(baselines.fillRate),
      ratioIs: 'value/baseline',
      baseline_is: `openPostgresEventImport (batches of ${IMPORT_BATCH}) of the same events read by a raw keyset scan of the live table: no files, checksums or gunzip`,
    },
  );

  const serving = (report.phases['verify-files'] + report.phases.restore + report.phases.ledger + report.phases.rebuild) / 1000;
  const baselineRto = restored / rawImportRate + restored / baselines.rawRebuildEventsPerSecond;
  reportResult(
    'recovery.drill.rto_seconds',
    { value: report.rtoSeconds, unit: 's', baseline: baselineRto, higherIsBetter: false },
    {
      ...common,
      target: RTO_TARGET_SECONDS,
      targetIs: 'value <= target (s)',
      meetsTarget: report.rtoSeconds <= RTO_TARGET_SECONDS,
      restoredAndRebuiltSeconds: round(serving),
      projections: report.projections.map((check) => ({
        name: check.name,
        matches: check.matches,
        comparedWith: check.comparedWith,
        restoredEvents: check.restoredEvents,
      })),
      eventsCheck: report.events ?? null,
      verifyWith: DRILL_VERIFY,
      liveCopyBuildSeconds: baselines.liveCopies,
      ratioIs: 'baseline/value',
      baseline_is: 'the raw import above plus the raw scan + bulk insert of the votes rows (rates measured in this run, at the same event count): the least a restore to serving tallies must do',
      rto_is: `the drill's: from its start to every projection verified against the live system at the backup's last event (restore, one rebuild of every projection, then ${DRILL_VERIFY === 'live-events' ? 'the restored events compared with the live ones' : 'reference copies built from the live events and compared'} where a live copy stands past the backup); cleanup excluded`,
    },
  );

  const shipSeconds = traffic.shipMs.reduce((sum, ms) => sum + ms, 0) / Math.max(1, traffic.shipMs.length) / 1000;
  const rpo = report.rpoSeconds ?? Number.NaN;
  const shipped = traffic.segments.reduce((sum, segment) => sum + segment.eventCount, 0);
  reportResult(
    'recovery.drill.rpo_seconds',
    { value: rpo, unit: 's', baseline: shipSeconds, higherIsBetter: false },
    {
      target: RPO_TARGET_SECONDS,
      targetIs: 'value <= target (s)',
      meetsTarget: report.rpoSeconds !== null && report.rpoSeconds <= RPO_TARGET_SECONDS,
      baselineMs: round(shipSeconds * 1000),
      segmentShipMs: traffic.shipMs,
      segmentIntervalSeconds: SEGMENT_INTERVAL_MS / 1000,
      worstCaseSeconds: round(SEGMENT_INTERVAL_MS / 1000 + Math.max(0, ...traffic.shipMs) / 1000, 2),
      trafficEvents: traffic.appended,
      trafficSeconds: round(traffic.seconds),
      eventsShippedInSegments: shipped,
      eventsNotShipped: traffic.appended - shipped,
      segments: traffic.segments.length,
      ratioIs: 'baseline/value',
      baseline_is: "the time a segment took to ship during the traffic (from reading the head to the catalogue listing it): the RPO of a shipper that shipped back to back",
      disaster: 'just before the next segment was due: the worst case of the 10 s cadence',
    },
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:recovery failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
