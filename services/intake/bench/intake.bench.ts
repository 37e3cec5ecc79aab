/**
 * `npm run bench:intake`: submit and query through the gRPC-web gateway in the local-cluster mode
 * (DESIGN.md §4), against raw SQL through `pg` on the same server, same run.
 *
 * Set-up: a fresh Postgres database; a Kafka broker (FRM_KAFKA_BROKERS, or one started and stopped
 * here); intake and the gateway each as a separate process (`node -r @swc-node/register …/main.ts`);
 * a connect-es gRPC-web client (binary protobuf) over HTTP/1.1 keep-alive (FRM_BENCH_HTTP_VERSION=2
 * for HTTP/2), each call with a bearer HS256 token of one of 32 pre-minted users.
 *
 *  - SubmitFeatureRequest: open-loop at FRM_BENCH_RATE (200) requests/s for FRM_BENCH_SECONDS (15) s
 *    (p50/p99 counted from when each call was due), then the max rate at FRM_BENCH_CONCURRENCY (16)
 *    calls in flight. Baseline: the same number of raw single-row INSERTs into a table of the read
 *    model's shape (`like … including all`: same columns, generated tsvector and indexes), at the
 *    same rate / concurrency.
 *  - ListFeatureRequests sorted by top, 20 a page, over FRM_BENCH_READ_MODEL_ROWS (10,000) requests
 *    in the read model (those the submit runs made, plus histories appended straight to the event
 *    store with intake's codec, which the projection applies): the same two runs. Baseline: the
 *    query intake runs (its own `listFeatureRequestsSql`) through `pg`.
 * FRM_BENCH_PROFILE_DIR=dir writes a CPU profile of intake and of the gateway there.
 * Latency lines carry ratio = baseline/value (ratioIs); rate lines value/baseline. Progress on stderr.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createClient } from '@connectrpc/connect';
import { createGrpcWebTransport } from '@connectrpc/connect-node';
import { SignJWT } from 'jose';
import { createBenchDatabase, latencySummary, measureAtRate, measureConcurrently, reportResult, runConcurrently, ServiceProcess, type PacedRun } from '@frm/bench';
import { readDescriptorImage } from '@frm/contracts';
import { openPgDatabase, type SqlDatabase } from '@frm/postgres';
import { projectionSchema } from '@frm/projections';
import { KafkaBroker } from '@frm/testing';
import { CATEGORIES } from '../src/feature-requests/domain';
import type { FeatureRequestFilter } from '../src/feature-requests/queries/list-feature-requests/feature-request-filter';
import { listFeatureRequestsSql } from '../src/feature-requests/queries/list-feature-requests/list-feature-requests.sql';
import { appendFeatureRequests, waitForReadModel } from './fill-read-model';



const serverUrl = process.env['FRM_BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RATE = Number(process.env['FRM_BENCH_RATE'] ?? 200);
const SECONDS = Number(process.env['FRM_BENCH_SECONDS'] ?? 15);
const CONCURRENCY = Number(process.env['FRM_BENCH_CONCURRENCY'] ?? 16);
const MAX_CALLS = Number(process.env['FRM_BENCH_MAX_CALLS'] ?? 3_000);
const LIST_MAX_CALLS = Number(process.env['FRM_BENCH_LIST_MAX_CALLS'] ?? 5_000);
const READ_MODEL_ROWS = Number(process.env['FRM_BENCH_READ_MODEL_ROWS'] ?? 10_000);
const HTTP_VERSION = (process.env['FRM_BENCH_HTTP_VERSION'] ?? '1.1') as '1.1' | '2';
const PAGE_SIZE = 20;
const P99_TARGET_MS = 50;
const LIST_RATIO_TARGET = 0.3;
const WARMUP = 300;
const USERS = 32;
const SORT_TOP = 2; // frm.v1.FeatureRequestSort.FEATURE_REQUEST_SORT_TOP
const READ_MODEL_SCHEMA = 'projection_feature_requests';

type UntypedUnary = (request: Record<string, unknown>, options?: { headers?: Record<string, string> }) => Promise<Record<string, unknown>>;

const children: ServiceProcess[] = [];
const log = (text: string) => process.stderr.write(`${text}\n`);
const round = (value: number) => Math.round(value * 100) / 100;

async function main(): Promise<void> {
  const database = await createBenchDatabase(serverUrl, 'bench_intake');
  const given = process.env['FRM_KAFKA_BROKERS']?.split(',').filter(Boolean);
  let broker: KafkaBroker | undefined;
  let db: SqlDatabase | undefined;
  try {
    broker = given?.length ? undefined : await KafkaBroker.start();
    const brokers = given?.length ? given : (broker as KafkaBroker).brokers;
    log(`database ${database.name}, Kafka ${brokers.join(',')}`);

    const intake = spawnChild('intake', 'services/intake/src/main.ts', 'grpc', {
      FRM_DATABASE_URL: database.url,
      FRM_KAFKA_BROKERS: brokers.join(','),
      FRM_KAFKA_CREATE_TOPICS: 'true',
      FRM_KAFKA_TOPIC_PARTITIONS: '3',
      FRM_INTAKE_GRPC_PORT: '0',
      FRM_PAGE_TOKEN_SECRET: randomBytes(32).toString('base64url'),
      FRM_LOG_LEVEL: 'info',
    });
    const intakeAddress = await intake.ready();
    const secret = randomBytes(32).toString('base64url');
    const gateway = spawnChild('gateway', 'services/gateway/src/main.ts', 'gateway', {
      FRM_GATEWAY_PORT: '0',
      FRM_JWT_SECRET: secret,
      FRM_INTAKE_GRPC_ADDRESS: intakeAddress,
      // The benchmark measures the services through the gateway, not the gateway's per-client limits.
      FRM_RATE_LIMIT_PER_IP: '1000000',
      FRM_RATE_LIMIT_PER_USER: '1000000',
      FRM_LOG_LEVEL: 'info',
    });
    const gatewayAddress = await gateway.ready();
    log(`intake (pid ${intake.pid}) on ${intakeAddress}, gateway (pid ${gateway.pid}) on ${gatewayAddress}, gRPC-web over HTTP/${HTTP_VERSION}`);

    db = await openPgDatabase({ connectionString: database.url, maxConnections: CONCURRENCY });
    const readModel = projectionSchema(READ_MODEL_SCHEMA).table('feature_requests');
    await db.exec(`create schema bench; create table bench.raw_feature_requests (like ${readModel} including all)`);

    const service = await gatewayClient(gatewayAddress, secret);
    const common = { transport: `gRPC-web (connect-es, binary) over HTTP/${HTTP_VERSION}`, processes: 'intake and gateway as separate processes' };

    await benchSubmit(db, service, common);
    await fillReadModel(db, readModel);
    await benchList(db, service, common);

    for (const child of [intake, gateway]) {
      const problems = child.problems();
      if (problems.length > 0) log(`${child.name} logged ${problems.length} warnings/errors, e.g. ${JSON.stringify(problems[0])}`);
    }
  } finally {
    for (const child of [...children].reverse()) await child.stop().catch(() => undefined);
    await db?.close().catch(() => undefined);
    await database.drop().catch((error: unknown) => log(`could not drop ${database.name}: ${String(error)}`));
    await broker?.stop().catch(() => undefined);
  }
}

interface Service {
  submit(index: number): Promise<unknown>;
  list(index: number): Promise<unknown>;
}

async function gatewayClient(address: string, secret: string): Promise<Service> {
  const descriptor = readDescriptorImage().getService('frm.v1.IntakeService');
  if (!descriptor) throw new Error('frm.v1.IntakeService is not in the descriptor image; run npm run proto:generate');
  const transport = createGrpcWebTransport({ baseUrl: `http://${address}`, httpVersion: HTTP_VERSION });
  const client = createClient(descriptor, transport) as unknown as Record<string, UntypedUnary>;
  const submit = client['submitFeatureRequest'] as UntypedUnary;
  const list = client['listFeatureRequests'] as UntypedUnary;
  // Minted beforehand (a browser holds its token), so signing is not part of the measurement.
  const headers = await Promise.all(
    Array.from({ length: USERS }, async (_, i) => ({
      authorization: `Bearer ${await benchToken(i % 2 === 0 ? 'couple' : 'supplier', secret)}`,
    })),
  );
  return {
    submit: (i) => submit(submitRequest(i), { headers: headers[i % USERS] as Record<string, string> }),
    list: async (i) => {
      const answer = await list({ pageSize: PAGE_SIZE, sort: SORT_TOP }, { headers: headers[i % USERS] as Record<string, string> });
      if ((answer['featureRequests'] as unknown[]).length !== PAGE_SIZE) throw new Error('ListFeatureRequests returned a short page');
    },
  };
}

function submitRequest(i: number): Record<string, unknown> {
  return {
    title: `Bench request ${i}: export the seating plan as PDF`,
    description: `Submitted by the intake benchmark, call ${i}. Couples want to print the seating plan for the venue.`,
    category: CATEGORIES[i % CATEGORIES.length],
    tags: ['bench', `t${i % 20}`],
  };
}

/** A raw INSERT of the row the projection writes for a submitted request. */
function rawInsert(db: SqlDatabase) {
  return (i: number) => {
    const request = submitRequest(i);
    const now = new Date().toISOString();
    return db.query(
      `insert into bench.raw_feature_requests
         (id, title, description, category, tags, status, author_id, supplier_type, wedding_date, created_at, updated_at, revision)
       values ($1, $2, $3, $4, $5::text[], 'submitted', $6, $7, $8, $9, $9, $10)`,
      [randomUUID(), request['title'], request['description'], request['category'], request['tags'], randomUUID(), null, null, now, '0'],
    );
  };
}

async function benchSubmit(db: SqlDatabase, service: Service, common: Record<string, unknown>): Promise<void> {
  const insert = rawInsert(db);
  const paced = RATE * SECONDS;
  await runConcurrently(WARMUP, 8, insert);
  await runConcurrently(WARMUP, 8, (i) => service.submit(1_000_000 + i));

  const baselinePaced = await measureAtRate('submit: baseline raw INSERT', paced, RATE, insert);
  const measuredPaced = await measureAtRate('submit: SubmitFeatureRequest', paced, RATE, (i) => service.submit(i));
  const baselineMax = await measureConcurrently('submit: baseline raw INSERT', MAX_CALLS, CONCURRENCY, insert);
  const measuredMax = await measureConcurrently('submit: SubmitFeatureRequest', MAX_CALLS, CONCURRENCY, (i) => service.submit(paced + i));

  reportPaced('intake.submit', measuredPaced, baselinePaced, { ...common, baseline_is: 'raw single-row INSERT through pg into a table of the read model shape' });
  reportResult(
    'intake.submit.max_throughput',
    { value: measuredMax.perSecond, unit: 'requests/s', baseline: baselineMax.perSecond },
    { ...common, ratioIs: 'value/baseline', concurrency: CONCURRENCY, calls: MAX_CALLS, ...latencySummary(measuredMax, baselineMax) },
  );
}

async function fillReadModel(db: SqlDatabase, readModel: string): Promise<void> {
  const [row] = await db.query<{ count: string }>(`select count(*)::text as count from ${readModel}`);
  const have = Number(row?.count ?? 0);
  log(`list: the read model holds ${have} requests from the submit runs; appending ${Math.max(0, READ_MODEL_ROWS - have)} to the event store`);
  const t0 = performance.now();
  const events = await appendFeatureRequests(db, READ_MODEL_ROWS - have);
  const appendedMs = performance.now() - t0;
  const waitedMs = await waitForReadModel(db, readModel, READ_MODEL_ROWS);
  log(`list: appended ${events} events in ${Math.round(appendedMs)} ms; projection caught up ${Math.round(waitedMs)} ms later`);
  await db.exec(`analyze ${readModel}`);
}

async function benchList(db: SqlDatabase, service: Service, common: Record<string, unknown>): Promise<void> {
  const filter: FeatureRequestFilter = { statuses: [], category: undefined, tag: undefined, authorId: undefined, query: undefined, sort: 'top' };
  const { sql, params } = listFeatureRequestsSql(projectionSchema(READ_MODEL_SCHEMA), filter, undefined, PAGE_SIZE);
  const rawQuery = async () => {
    const rows = await db.query(sql, params);
    if (rows.length !== PAGE_SIZE + 1) throw new Error(`the raw query returned ${rows.length} rows`);
  };
  const paced = RATE * SECONDS;
  await runConcurrently(WARMUP, 8, rawQuery);
  await runConcurrently(WARMUP, 8, (i) => service.list(i));

  const baselinePaced = await measureAtRate('list: baseline raw SQL', paced, RATE, rawQuery);
  const measuredPaced = await measureAtRate('list: ListFeatureRequests', paced, RATE, (i) => service.list(i));
  const baselineMax = await measureConcurrently('list: baseline raw SQL', LIST_MAX_CALLS, CONCURRENCY, rawQuery);
  const measuredMax = await measureConcurrently('list: ListFeatureRequests', LIST_MAX_CALLS, CONCURRENCY, (i) => service.list(i));

  const shape = { ...common, sort: 'top', pageSize: PAGE_SIZE, readModelRows: READ_MODEL_ROWS, baseline_is: 'the same SQL intake runs (listFeatureRequestsSql), through pg' };
  reportPaced('intake.list_top', measuredPaced, baselinePaced, shape);
  reportResult(
    'intake.list_top.max_throughput',
    { value: measuredMax.perSecond, unit: 'requests/s', baseline: baselineMax.perSecond, target: LIST_RATIO_TARGET },
    { ...shape, ratioIs: 'value/baseline', concurrency: CONCURRENCY, calls: LIST_MAX_CALLS, ...latencySummary(measuredMax, baselineMax) },
  );
}

function reportPaced(prefix: string, measured: PacedRun, baseline: PacedRun, common: Record<string, unknown>): void {
  const details = {
    ...common,
    offeredRate: RATE,
    pacing: 'open loop; latency from when each call was due',
    calls: measured.operations,
    errors: measured.errors,
    ...(measured.firstError ? { firstError: measured.firstError } : {}),
    baselineErrors: baseline.errors,
    maxInFlight: measured.maxInFlight,
    maxMs: round(measured.maxMs),
  };
  const latency = (name: 'p50' | 'p99', value: number, base: number) =>
    reportResult(
      `${prefix}.at_${RATE}rps.${name}`,
      { value, unit: 'ms', baseline: base, higherIsBetter: false },
      { ...details, ratioIs: 'baseline/value', ...(name === 'p99' ? { target: P99_TARGET_MS, targetIs: 'value <= target (ms)', meetsTarget: value <= P99_TARGET_MS } : {}) },
    );
  latency('p50', measured.p50Ms, baseline.p50Ms);
  latency('p99', measured.p99Ms, baseline.p99Ms);
  reportResult(
    `${prefix}.at_${RATE}rps.rate`,
    { value: measured.perSecond, unit: 'requests/s', baseline: baseline.perSecond },
    { ...details, ratioIs: 'value/baseline' },
  );
}

function spawnChild(name: string, main: string, readyField: string, env: Record<string, string>): ServiceProcess {
  const child = ServiceProcess.spawn(name, main, readyField, env);
  children.push(child);
  return child;
}

// Children die with the bench even when it is interrupted: SIGKILL to their pids.
process.once('exit', () => children.forEach((child) => child.killNow()));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping`);
    children.forEach((child) => child.killNow());
    process.exit(130);
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

/** A development access token as the gateway accepts it (HS256, issuer and audience `frm`). */
function benchToken(role: string, secret: string): Promise<string> {
  return new SignJWT({ roles: [role] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(randomUUID())
    .setIssuer('frm')
    .setAudience('frm')
    .setIssuedAt()
    .setExpirationTime('3h')
    .sign(new TextEncoder().encode(secret));
}
