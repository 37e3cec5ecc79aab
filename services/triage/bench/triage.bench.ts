/**
 * `npm run bench:triage`: the triage service with FRM_BENCH_REQUESTS (50,000) requests in its read
 * model, on a fresh database of the local server (FRM_BENCH_DATABASE_URL). JSON lines on stdout,
 * each against a baseline measured in the same run; progress on stderr.
 *
 *  - rebuild: the triage projection built from position 0 over the requests' and votes' events, as
 *    a rebuild builds its copy (the history, then the readers' indexes), events/s against a raw read of the same events from the event store (target ratio 0.3);
 *  - embeddings: texts/s the embedding worker stores for a rebuild (FRM_BENCH_EMBED texts, default
 *    1,000), against the bare model embedding the same texts in batches of 32;
 *  - FindSimilarRequests straight to the triage gRPC service (the gateway adds its own hop; see
 *    bench:gateway) from 20 concurrent clients, requests/s and p50/p99 (target p99 ≤ 100 ms), against
 *    the same candidates statement (similarCandidatesSql) through `pg` at the same concurrency; with
 *    how many answers were ranked by meaning and how many by wording alone (the query's vector did
 *    not come within the budget); the same again without the model, and with the model from 4
 *    clients, a load at which it keeps up.
 *
 * Embedding all 50,000 texts would take about 20 minutes on two cores, so only FRM_BENCH_EMBED are
 * embedded by the model; the other requests get copies of those vectors. Ranking costs the same
 * whatever the vectors hold; the quality of the ranking is measured by `npm run eval:duplicates`.
 * FRM_BENCH_KEEP=1 keeps the database for a look afterwards.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createBenchDatabase, latencySummary, measureConcurrently, reportResult, mulberry32, runConcurrently, startProgress, type ConcurrentRun } from '@frm/bench';
import type { CallerClaims } from '@frm/caller';
import { frmEventsV1, timestampFromDate, toEventJson, type EventMessageFns } from '@frm/contracts';
import { eventIdFor, openPostgresEventStore, type EventStore, type JsonObject } from '@frm/event-store';
import { createLogger } from '@frm/logging';
import { openPgDatabase, type SqlDatabase } from '@frm/postgres';
import { buildCopyUpTo, projectionSchema } from '@frm/projections';
import { UniversalSentenceEncoder } from '@frm/text-embeddings';
import { startTriageService, TextModel, triageProjection } from '../src';
import { DerivedTables, vectorFromBytes, vectorToBytes } from '../src/embeddings/derived-tables';
import { EmbeddingWorker } from '../src/embeddings/embedding-worker';
import { similarCandidatesParams, similarCandidatesSql } from '../src/similarity/similar-candidates.query';
import { DEFAULT_SIMILARITY_TUNING } from '../src/similarity/similar-request-finder';
import { installSimilarityIndexes } from '../src/similarity/similarity-indexes';
import { embeddingTextOf } from '../src/similarity/text-query';
import { TriageClient } from '../test/support/triage-client';
import { benchRequest, typedQuery } from './bench-requests';

const serverUrl = process.env['FRM_BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REQUESTS = Number(process.env['FRM_BENCH_REQUESTS'] ?? 50_000);
const EMBED = Math.min(REQUESTS, Number(process.env['FRM_BENCH_EMBED'] ?? 1_000));
const QUERIES = Number(process.env['FRM_BENCH_QUERIES'] ?? 2_000);
const CONCURRENCY = 20;
const LIGHT_CONCURRENCY = 4;
const WRITERS = 16;
const SUPPLIER_TYPES = ['', '', 'photographer', 'venue', 'florist', 'caterer', 'planner'];
const DERIVED = 'triage_derived';
const READ_MODEL = 'projection_triage';
const asker: CallerClaims = { subject: randomUUID(), roles: ['couple'] };
const log = (text: string) => process.stderr.write(`${text}\n`);

async function main(): Promise<void> {
  const database = await createBenchDatabase(serverUrl, 'bench_triage');
  const db = await openPgDatabase({ connectionString: database.url, maxConnections: CONCURRENCY + 4 });
  const store = await openPostgresEventStore(db);
  const textModel = await TextModel.load({ logger: createLogger({ service: 'triage-bench', level: 'warn' }) });
  try {
    const events = await appendHistory(store);
    await benchRebuild(db, store, events);
    await benchEmbeddings(db, textModel);
    await copyVectors(db, textModel);
    // What the service does when it starts, done first so that the baseline runs on the same indexes.
    await installSimilarityIndexes(db, projectionSchema(READ_MODEL).table('requests'), { whileWritten: false });
    await benchFindSimilar(db, textModel, 'triage.find_similar.requests_per_second', CONCURRENCY);
    // The same without the model: what the query's embedding costs.
    await benchFindSimilar(db, TextModel.of(undefined, 'measured without the model'), 'triage.find_similar_lexical.requests_per_second', CONCURRENCY);
    // A lighter load, at which the model keeps up: how many answers are ranked by meaning there.
    await benchFindSimilar(db, textModel, 'triage.find_similar_light.requests_per_second', LIGHT_CONCURRENCY);
  } finally {
    textModel.close();
    await store.close();
    await db.close();
    if (process.env['FRM_BENCH_KEEP'] === '1') log(`kept ${database.url}`);
    else await database.drop();
  }
}

/** Every request submitted, with 0–4 votes from couples and suppliers of several types, over a year of event time. */
async function appendHistory(store: EventStore): Promise<number> {
  const start = Date.UTC(2026, 0, 1);
  const yearMs = 365 * 86_400_000;
  let events = 0;
  const progress = startProgress('requests and votes appended', REQUESTS);
  await runConcurrently(REQUESTS, WRITERS, async (i) => {
    const random = mulberry32(7_000_000 + i);
    const featureRequestId = randomUUID();
    const submittedAt = start + Math.floor(random() * yearMs * 0.8);
    await append(store, `feature-request-${featureRequestId}`, frmEventsV1.FeatureRequestSubmitted, {
      ...frmEventsV1.FeatureRequestSubmitted.fromPartial({}),
      featureRequestId,
      occurredAt: timestampFromDate(new Date(submittedAt)),
      authorId: randomUUID(),
      ...benchRequest(i),
      category: 'planning-tools',
    });
    const votes = Math.floor(random() * 5);
    for (let v = 0; v < votes; v++) {
      const voterId = randomUUID();
      const weight = random() < 0.1 ? 0.25 : 1;
      await append(store, `vote-${featureRequestId}-${voterId}`, frmEventsV1.VoteCast, {
        ...frmEventsV1.VoteCast.fromPartial({}),
        voteId: randomUUID(),
        occurredAt: timestampFromDate(new Date(submittedAt + Math.floor(random() * yearMs * 0.2))),
        featureRequestId,
        voterId,
        weight,
        voterSupplierType: SUPPLIER_TYPES[Math.floor(random() * SUPPLIER_TYPES.length)] as string,
        tallyEffect: { counted: '1', flagged: '0', weighted: weight },
      });
    }
    events += 1 + votes;
    progress.increment();
  });
  progress.stop();
  return events;
}

async function append<T>(store: EventStore, stream: string, fns: EventMessageFns<T>, message: T): Promise<void> {
  await store.appendToStream(stream, [{ id: eventIdFor(randomUUID(), 0), type: fns.$type, data: toEventJson(fns, message) as JsonObject }], { expectedRevision: 'any' });
}

async function benchRebuild(db: SqlDatabase, store: EventStore, events: number): Promise<void> {
  const readAll = async () => {
    let read = 0;
    for await (const page of store.readAll({ pageSize: 1_000 })) read += page.length;
    return read;
  };
  await readAll();
  const readStarted = performance.now();
  const read = await readAll();
  const baseline = (read * 1000) / (performance.now() - readStarted);

  await new DerivedTables(DERIVED).install(db);
  // As a rebuild (RebuildProjection, a restore drill) builds its copy: the history first, then the readers' indexes.
  log(`rebuilding the triage projection from ${events} events…`);
  const progress = startProgress('events applied', events);
  const started = performance.now();
  await buildCopyUpTo({ projection: triageProjection(), eventStore: store, db, schema: READ_MODEL, onProgress: (p) => progress.update(p.eventsApplied) });
  const seconds = (performance.now() - started) / 1000;
  progress.stop();
  reportResult(
    'triage.rebuild.events_per_second',
    { value: events / seconds, unit: 'events/s', baseline, target: 0.3 },
    { events, seconds: Math.round(seconds * 10) / 10, baseline_is: 'a raw read of the same events from the event store (readAll, pages of 1,000)' },
  );
}

async function benchEmbeddings(db: SqlDatabase, textModel: TextModel): Promise<void> {
  const embedder = textModel.embedder;
  if (!embedder) throw new Error(`the embedding model did not load: ${textModel.unavailableBecause}`);
  const requests = projectionSchema(READ_MODEL).table('requests');
  const worker = new EmbeddingWorker(db, requests, new DerivedTables(DERIVED), embedder);
  const progress = startProgress('texts embedded by the worker', EMBED);
  const started = performance.now();
  while (worker.embedded < EMBED) {
    const before = worker.embedded;
    if ((await worker.step()) === undefined) break;
    progress.increment(worker.embedded - before);
  }
  const seconds = (performance.now() - started) / 1000;
  progress.stop();

  const texts = (await db.query<{ title: string; description: string }>(`select title, description from ${requests} order by text_seq limit $1`, [worker.embedded])).map(embeddingTextOf);
  const bare = await UniversalSentenceEncoder.load({ batchSize: 32 });
  const bareStarted = performance.now();
  await bare.embed(texts);
  const bareSeconds = (performance.now() - bareStarted) / 1000;
  bare.dispose();
  reportResult(
    'triage.embeddings.texts_per_second',
    { value: worker.embedded / seconds, unit: 'texts/s', baseline: texts.length / bareSeconds },
    {
      texts: worker.embedded,
      rebuild_of_all_minutes: Math.round((REQUESTS / (worker.embedded / seconds) / 60) * 10) / 10,
      baseline_is: 'the same texts embedded by the bare model in batches of 32, nothing stored',
    },
  );
}

/** The requests the model did not embed get copies of the vectors it made, so that every candidate has one. */
async function copyVectors(db: SqlDatabase, textModel: TextModel): Promise<void> {
  const model = textModel.embedder?.model as string;
  const derived = new DerivedTables(DERIVED);
  const sample = (await db.query<{ vector: Uint8Array }>(`select vector from ${derived.vectors} where model = $1`, [model])).map((row) => vectorFromBytes(row.vector));
  const requests = projectionSchema(READ_MODEL).table('requests');
  const missing = (
    await db.query<{ text_hash: string }>(`select r.text_hash from ${requests} r where not exists (select 1 from ${derived.vectors} v where v.model = $1 and v.text_hash = r.text_hash)`, [model])
  ).map((row) => row.text_hash);
  const progress = startProgress('vectors copied', missing.length);
  for (let i = 0; i < missing.length; i += 1_000) {
    const hashes = missing.slice(i, i + 1_000);
    const vectors = hashes.map((_, j) => vectorToBytes(sample[(i + j) % sample.length] as Float32Array));
    await db.query(`insert into ${derived.vectors} (model, text_hash, vector) select $1, unnest($2::text[]), unnest($3::bytea[]) on conflict do nothing`, [model, hashes, vectors]);
    progress.increment(hashes.length);
  }
  progress.stop();
}

/** The candidates statement FindSimilarRequests runs, straight through pg at the same concurrency: the baseline. */
async function benchRawCandidates(db: SqlDatabase, concurrency: number): Promise<ConcurrentRun> {
  const tables = { requests: projectionSchema(READ_MODEL).table('requests'), vectors: new DerivedTables(DERIVED).vectors };
  const sql = similarCandidatesSql(tables, false);
  const limits = { wanted: DEFAULT_SIMILARITY_TUNING.candidates, pool: DEFAULT_SIMILARITY_TUNING.candidatePool };
  // The service's own statement, prepared as it prepares it; the candidates' vectors it reads once and keeps (StoredVectors).
  const raw = (i: number) => db.query(sql, similarCandidatesParams(typedQuery(i), limits), { preparedAs: 'bench_triage_candidates' });
  await runConcurrently(100, concurrency, (i) => raw(QUERIES + i));
  return measureConcurrently('the same candidates queries (pg)', QUERIES, concurrency, raw);
}

/**
 * The service, and its baseline measured while it runs, just before it: the service reads its
 * vectors (144 MB with their TOAST) when it starts, which turns over Postgres's shared buffers;
 * measured before that, the baseline would run on a cache the service never sees.
 */
async function benchFindSimilar(db: SqlDatabase, textModel: TextModel, metric: string, concurrency: number): Promise<void> {
  const service = await startTriageService({
    db,
    logger: createLogger({ service: 'triage', level: 'warn' }),
    port: 0,
    readModelSchema: READ_MODEL,
    derivedSchema: DERIVED,
    textModel,
    // Duplicate marks for 50,000 requests would run beside the measurement; they are not what is measured.
    backgroundWork: false,
  });
  const client = new TriageClient(service.address);
  try {
    const baseline = await benchRawCandidates(db, concurrency);
    // How many answers were ranked by meaning too, and how many by wording alone when the query's vector came too late.
    const modes = new Map<string, number>();
    const query = async (i: number) => {
      const { mode } = await client.call('findSimilarRequests', { ...typedQuery(i), limit: 5 }, asker);
      modes.set(mode, (modes.get(mode) ?? 0) + 1);
    };
    // Texts of their own for each run: a query's vector, once made, is kept (QueryEmbedder).
    const offset = concurrency === CONCURRENCY ? 0 : 10 * QUERIES;
    await runConcurrently(100, concurrency, (i) => query(offset + QUERIES + i));
    modes.clear();
    const measured = await measureConcurrently(`FindSimilarRequests, ${service.mode} (gRPC)`, QUERIES, concurrency, (i) => query(offset + i));
    reportResult(
      metric,
      { value: measured.perSecond, unit: 'requests/s', baseline: baseline.perSecond },
      {
        ...latencySummary(measured, baseline),
        targetP99Ms: 100,
        meetsP99Target: measured.p99Ms <= 100,
        requests: REQUESTS,
        concurrency,
        mode: service.mode,
        answeredHybrid: modes.get('SIMILARITY_MODE_HYBRID') ?? 0,
        answeredByWordingOnly: modes.get('SIMILARITY_MODE_LEXICAL') ?? 0,
        baseline_is: 'the candidates statement FindSimilarRequests runs (full text and trigram steps), straight through pg, without embedding the query, reading vectors or ranking',
      },
    );
  } finally {
    client.close();
    await service.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
