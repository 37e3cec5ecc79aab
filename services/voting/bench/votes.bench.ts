/**
 * `npm run bench:votes`: CastVote through the gRPC-web gateway in the local-cluster mode (Postgres
 * event store, Redis velocity limits, Kafka relay), against raw durable single-row INSERTs into
 * the same Postgres, same run, same concurrency.
 *
 * Set-up: a fresh database; Kafka (FRM_KAFKA_BROKERS, or a broker started and stopped here); Redis
 * at FRM_REDIS_URL (default redis://127.0.0.1:6379); voting and the gateway each as a process of
 * their own; FRM_BENCH_REQUESTS (200) feature requests appended to the event store as intake would.
 * Every vote is a distinct voter (own token, device fingerprint and address via X-Forwarded-For
 * from the trusted loopback), a year-old account, so fraud detection has nothing to flag.
 *
 *  - max throughput: FRM_BENCH_VOTES (8,000) votes at FRM_BENCH_CONCURRENCY (32) in flight;
 *  - open loop at FRM_BENCH_RATE (1,000) votes/s for FRM_BENCH_SECONDS (10) s: p50/p99 from when each
 *    vote was due (target p99 <= 30 ms);
 *  - freshness, during the open-loop run: probe votes on requests nobody else votes for, each timed
 *    from its acknowledgement until GetTally through the gateway shows it (target p99 <= 500 ms).
 * JSON lines on stdout (rates: ratio = value/baseline, target 0.4; latencies: baseline/value);
 * progress on stderr. FRM_BENCH_PROFILE_DIR=dir writes CPU profiles of the services. The client is
 * a lean gRPC-web one by default (the load generator shares the two cores; connect-es spends more
 * per call than the gateway); FRM_BENCH_CLIENT=connect uses connect-es.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import { createClient } from '@connectrpc/connect';
import { createGrpcWebTransport } from '@connectrpc/connect-node';
import { Redis } from 'ioredis';
import { SignJWT } from 'jose';
import {
  createBenchDatabase,
  LeanGrpcWebClient,
  latencySummary,
  measureAtRate,
  measureConcurrently,
  percentile,
  reportResult,
  runConcurrently,
  ServiceProcess,
  startProgress,
  type PacedRun,
} from '@frm/bench';
import { frmEventsV1, frmV1, loadEventSchemaRegistry, readDescriptorImage, timestampFromDate, toEventJson } from '@frm/contracts';
import { eventIdFor, openPostgresEventStore, withSchemaValidation, type JsonObject } from '@frm/event-store';
import { openPgDatabase, type SqlDatabase } from '@frm/postgres';
import { KafkaBroker } from '@frm/testing';
import { cpuPerOperation } from './process-cpu';

const serverUrl = process.env['FRM_BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env['FRM_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const RATE = Number(process.env['FRM_BENCH_RATE'] ?? 1_000);
const SECONDS = Number(process.env['FRM_BENCH_SECONDS'] ?? 10);
const CONCURRENCY = Number(process.env['FRM_BENCH_CONCURRENCY'] ?? 32);
// lean: binary gRPC-web frames over keep-alive HTTP/1.1 with little client work; connect: connect-es.
const CLIENT = (process.env['FRM_BENCH_CLIENT'] ?? 'lean') as 'lean' | 'connect';
const VOTES = Number(process.env['FRM_BENCH_VOTES'] ?? 8_000);
const REQUESTS = Number(process.env['FRM_BENCH_REQUESTS'] ?? 200);
const PROBES = Number(process.env['FRM_BENCH_PROBES'] ?? 100);
const WARMUP = 500;
const P99_TARGET_MS = 30;
const RATIO_TARGET = 0.4;
const FRESHNESS_TARGET_MS = 500;

type UntypedUnary = (request: Record<string, unknown>, options?: { headers?: Record<string, string> }) => Promise<Record<string, unknown>>;

const children: ServiceProcess[] = [];
const log = (text: string) => process.stderr.write(`${text}\n`);
const round = (value: number) => Math.round(value * 100) / 100;

async function main(): Promise<void> {
  await assertRedisAnswers();
  const database = await createBenchDatabase(serverUrl, 'bench_votes');
  const given = process.env['FRM_KAFKA_BROKERS']?.split(',').filter(Boolean);
  let broker: KafkaBroker | undefined;
  let db: SqlDatabase | undefined;
  try {
    broker = given?.length ? undefined : await KafkaBroker.start();
    const brokers = given?.length ? given : (broker as KafkaBroker).brokers;
    db = await openPgDatabase({ connectionString: database.url, maxConnections: CONCURRENCY });
    const requests = await appendFeatureRequests(db, REQUESTS + PROBES);
    log(`database ${database.name}, Kafka ${brokers.join(',')}, Redis ${redisUrl}; ${requests.length} feature requests appended`);

    const voting = spawn('voting', 'services/voting/src/main.ts', 'grpc', {
      FRM_DATABASE_URL: database.url,
      FRM_KAFKA_BROKERS: brokers.join(','),
      FRM_KAFKA_CREATE_TOPICS: 'true',
      FRM_KAFKA_TOPIC_PARTITIONS: '3',
      FRM_REDIS_URL: redisUrl,
      FRM_VOTING_GRPC_PORT: '0',
      FRM_SIGNAL_HASH_KEY: randomBytes(32).toString('base64url'),
      FRM_LOG_LEVEL: 'info',
    });
    const votingAddress = await voting.ready();
    const secret = randomBytes(32).toString('base64url');
    const gateway = spawn('gateway', 'services/gateway/src/main.ts', 'gateway', {
      FRM_GATEWAY_PORT: '0',
      FRM_JWT_SECRET: secret,
      FRM_VOTING_GRPC_ADDRESS: votingAddress,
      FRM_TRUSTED_PROXIES: '127.0.0.1',
      // The benchmark measures the services through the gateway, not the gateway's per-client limits.
      FRM_RATE_LIMIT_PER_IP: '1000000',
      FRM_RATE_LIMIT_PER_USER: '1000000',
      FRM_LOG_LEVEL: 'info',
    });
    const gatewayAddress = await gateway.ready();
    log(`voting (pid ${voting.pid}) on ${votingAddress}, gateway (pid ${gateway.pid}) on ${gatewayAddress}`);
    await db.exec(`create table bench_raw_votes (vote_id uuid primary key, feature_request_id uuid not null, voter_id text not null,
      cast_at timestamptz not null, weight double precision not null, signals jsonb not null)`);

    const voters = new Voters(gatewayAddress, secret);
    const ordinary = requests.slice(0, REQUESTS);
    const probes = requests.slice(REQUESTS);
    const total = WARMUP + VOTES + RATE * SECONDS + PROBES;
    await voters.mint(total);
    await waitForVotingToKnow(voters, probes.at(-1) as string);

    let next = 0;
    const vote = () => voters.vote(next++, ordinary[Math.floor(Math.random() * ordinary.length)] as string);
    const insert = rawInsert(db, ordinary);
    await runConcurrently(WARMUP, 8, insert);
    await runConcurrently(WARMUP, 8, () => vote());

    const baselineMax = await measureConcurrently('baseline raw INSERT', VOTES, CONCURRENCY, insert);
    const { result: measuredMax, cpuMsPerOperation } = await cpuPerOperation({ voting: voting.pid, gateway: gateway.pid }, VOTES, () =>
      measureConcurrently('CastVote', VOTES, CONCURRENCY, () => vote()),
    );
    const paced = RATE * SECONDS;
    const baselinePaced = await measureAtRate('baseline raw INSERT', paced, RATE, insert);
    const freshness: number[] = [];
    const probing = runProbes(voters, probes, () => next++, freshness, (SECONDS * 1000) / PROBES);
    const measuredPaced = await measureAtRate('CastVote', paced, RATE, () => vote());
    await probing;

    const common = {
      transport: 'gRPC-web (connect-es, binary) over HTTP/1.1',
      processes: 'voting and gateway as separate processes; Postgres event store, Redis velocity limits, Kafka relay',
      baseline_is: 'raw single-row INSERT (autocommit, durable) through pg into a table of a vote row\'s shape',
    };
    reportResult(
      'votes.cast.max_throughput',
      { value: measuredMax.perSecond, unit: 'votes/s', baseline: baselineMax.perSecond, target: RATIO_TARGET },
      { ...common, ratioIs: 'value/baseline', concurrency: CONCURRENCY, votes: VOTES, ...latencySummary(measuredMax, baselineMax), cpuMsPerVote: cpuMsPerOperation },
    );
    reportPaced(measuredPaced, baselinePaced, common);
    const freshnessP99 = percentile(freshness, 99);
    const baselineFreshness = await rawFreshness(db, PROBES);
    reportResult(
      'votes.freshness.p99',
      { value: round(freshnessP99), unit: 'ms', baseline: round(percentile(baselineFreshness, 99)), target: FRESHNESS_TARGET_MS, higherIsBetter: false },
      { baseline_is: 'a raw INSERT committed, then polled with SELECT every 5 ms until visible', ratioIs: 'baseline/value', measuredDuring: `the open-loop run at ${RATE}/s`, probes: freshness.length, failedProbes: failedProbes.length, ...(failedProbes[0] ? { firstProbeError: failedProbes[0] } : {}), p50Ms: round(percentile(freshness, 50)), maxMs: round(Math.max(...freshness)), from: 'CastVote acknowledged', until: 'GetTally through the gateway counts it', targetIs: 'value <= target (ms)', meetsTarget: freshnessP99 <= FRESHNESS_TARGET_MS },
    );
    for (const child of [voting, gateway]) {
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

/** Voters of the benchmark: each vote index its own account, device, address and token. */
class Voters {
  private readonly cast: UntypedUnary;
  private readonly tally: UntypedUnary;
  private tokens: string[] = [];

  constructor(gatewayAddress: string, private readonly secret: string) {
    if (CLIENT === 'lean') {
      // The load generator shares the two cores: a lean gRPC-web client keeps its own cost out of the figures.
      const lean = new LeanGrpcWebClient(gatewayAddress, CONCURRENCY * 2);
      this.cast = async (request, options) =>
        frmV1.Vote.decode(await lean.unary('/frm.v1.VotingService/CastVote', frmV1.CastVoteRequest.encode(frmV1.CastVoteRequest.fromPartial(request)).finish(), options?.headers ?? {})) as unknown as Record<string, unknown>;
      this.tally = async (request, options) => {
        const tally = frmV1.Tally.decode(await lean.unary('/frm.v1.VotingService/GetTally', frmV1.GetTallyRequest.encode(frmV1.GetTallyRequest.fromPartial(request)).finish(), options?.headers ?? {}));
        return { ...tally, counted: BigInt(tally.counted) };
      };
      return;
    }
    // A browser keeps a handful of connections per origin; an unbounded pool only measures connection set-up.
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 });
    const transport = createGrpcWebTransport({ baseUrl: `http://${gatewayAddress}`, httpVersion: '1.1', nodeOptions: { agent } });
    const service = readDescriptorImage().getService('frm.v1.VotingService');
    if (!service) throw new Error('frm.v1.VotingService is not in the descriptor image; run npm run proto:generate');
    const client = createClient(service, transport) as unknown as Record<string, UntypedUnary>;
    this.cast = client['castVote'] as UntypedUnary;
    this.tally = client['getTally'] as UntypedUnary;
  }

  /** Tokens are minted beforehand, as a browser holds one: signing is not part of the measurement. */
  async mint(count: number): Promise<void> {
    const progress = startProgress('minting voter tokens', count);
    const key = new TextEncoder().encode(this.secret);
    const createdAt = Math.floor(Date.now() / 1000) - 400 * 86_400;
    try {
      for (let i = 0; i < count; i++) {
        this.tokens.push(
          await new SignJWT({ roles: [i % 2 === 0 ? 'couple' : 'supplier'], account_created_at: createdAt })
            .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
            .setSubject(randomUUID())
            .setIssuer('frm')
            .setAudience('frm')
            .setIssuedAt()
            .setExpirationTime('2h')
            .sign(key),
        );
        progress.increment();
      }
    } finally {
      progress.stop();
    }
  }

  vote(index: number, featureRequestId: string): Promise<Record<string, unknown>> {
    return this.cast(
      { featureRequestId },
      {
        headers: {
          authorization: `Bearer ${this.tokens[index % this.tokens.length] as string}`,
          'x-forwarded-for': `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`,
          'x-device-fingerprint': `bench-device-${index}`,
        },
      },
    );
  }

  async counted(featureRequestId: string): Promise<bigint> {
    const tally = await this.tally({ featureRequestId }, { headers: { authorization: `Bearer ${this.tokens[0] as string}` } });
    return tally['counted'] as bigint;
  }
}

async function appendFeatureRequests(db: SqlDatabase, count: number): Promise<string[]> {
  const store = withSchemaValidation(await openPostgresEventStore(db, { schema: 'event_store' }), loadEventSchemaRegistry());
  const ids = Array.from({ length: count }, () => randomUUID());
  try {
    await runConcurrently(count, 8, async (i) => {
      const featureRequestId = ids[i] as string;
      const data = toEventJson(frmEventsV1.FeatureRequestSubmitted, {
        ...frmEventsV1.FeatureRequestSubmitted.fromPartial({}),
        featureRequestId,
        occurredAt: timestampFromDate(new Date()),
        authorId: randomUUID(),
        title: `Bench request ${i}`,
        description: 'Appended by the votes benchmark, as intake would.',
        category: 'planning-tools',
      }) as JsonObject;
      await store.appendToStream(`feature-request-${featureRequestId}`, [{ id: eventIdFor(randomUUID(), 0), type: frmEventsV1.FeatureRequestSubmitted.$type, data }], {
        expectedRevision: 'no_stream',
      });
    });
  } finally {
    await store.close();
  }
  return ids;
}

async function waitForVotingToKnow(voters: Voters, featureRequestId: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await voters.counted(featureRequestId);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`voting did not project the appended requests within 60 s: ${String(error)}`);
      await new Promise((wake) => setTimeout(wake, 100));
    }
  }
}

/** A raw durable INSERT of a vote's row, the same width as what the event store keeps. */
function rawInsert(db: SqlDatabase, requests: readonly string[]) {
  return () =>
    db.query(`insert into bench_raw_votes (vote_id, feature_request_id, voter_id, cast_at, weight, signals) values ($1, $2, $3, now(), 1, $4)`, [
      randomUUID(),
      requests[Math.floor(Math.random() * requests.length)],
      randomUUID(),
      JSON.stringify({ ipHash: randomBytes(32).toString('hex'), networkHash: randomBytes(32).toString('hex'), deviceHash: randomBytes(32).toString('hex') }),
    ]);
}

/** One probe vote every `spacingMs` on a request of its own, timed from acknowledgement to visibility. */
const failedProbes: string[] = [];

async function runProbes(voters: Voters, probes: readonly string[], nextIndex: () => number, into: number[], spacingMs: number): Promise<void> {
  const running: Promise<void>[] = [];
  for (const featureRequestId of probes) {
    await new Promise((wake) => setTimeout(wake, spacingMs));
    running.push(
      (async () => {
        await voters.vote(nextIndex(), featureRequestId);
        const acknowledged = performance.now();
        while ((await voters.counted(featureRequestId)) < 1n) await new Promise((wake) => setTimeout(wake, 5));
        into.push(performance.now() - acknowledged);
      })().catch((error: unknown) => {
        failedProbes.push(error instanceof Error ? error.message : String(error));
      }),
    );
  }
  await Promise.all(running);
}

/** The same poll loop over a raw INSERT: what "visible at once" costs to observe. */
async function rawFreshness(db: SqlDatabase, probes: number): Promise<number[]> {
  const durations: number[] = [];
  for (let i = 0; i < probes; i++) {
    const id = randomUUID();
    await db.query(`insert into bench_raw_votes (vote_id, feature_request_id, voter_id, cast_at, weight, signals) values ($1, $1, 'probe', now(), 1, '{}')`, [id]);
    const committed = performance.now();
    while ((await db.query(`select 1 from bench_raw_votes where vote_id = $1`, [id])).length === 0) await new Promise((wake) => setTimeout(wake, 5));
    durations.push(performance.now() - committed);
  }
  return durations;
}

async function assertRedisAnswers(): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`Redis did not answer at ${redisUrl} (${String(error)}); start it (redis-server, or service redis-server start) or set FRM_REDIS_URL`);
  } finally {
    redis.disconnect();
  }
}

function reportPaced(measured: PacedRun, baseline: PacedRun, common: Record<string, unknown>): void {
  const details = { ...common, offeredRate: RATE, pacing: 'open loop; latency from when each vote was due', votes: measured.operations, errors: measured.errors, ...(measured.firstError ? { firstError: measured.firstError } : {}), maxInFlight: measured.maxInFlight, maxMs: round(measured.maxMs) };
  reportResult(`votes.cast.at_${RATE}rps.p50`, { value: round(measured.p50Ms), unit: 'ms', baseline: round(baseline.p50Ms), higherIsBetter: false }, { ...details, ratioIs: 'baseline/value' });
  reportResult(
    `votes.cast.at_${RATE}rps.p99`,
    { value: round(measured.p99Ms), unit: 'ms', baseline: round(baseline.p99Ms), higherIsBetter: false },
    { ...details, ratioIs: 'baseline/value', target: P99_TARGET_MS, targetIs: 'value <= target (ms)', meetsTarget: measured.p99Ms <= P99_TARGET_MS },
  );
  reportResult(`votes.cast.at_${RATE}rps.rate`, { value: round(measured.perSecond), unit: 'votes/s', baseline: round(baseline.perSecond) }, { ...details, ratioIs: 'value/baseline' });
}

function spawn(name: string, main: string, readyField: string, env: Record<string, string>): ServiceProcess {
  const child = ServiceProcess.spawn(name, main, readyField, env);
  children.push(child);
  return child;
}

process.once('exit', () => children.forEach((child) => child.killNow()));

main().catch((error: unknown) => {
  log(`bench:votes failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exitCode = 1;
});
