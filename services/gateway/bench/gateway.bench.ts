/**
 * `npm run bench:gateway`: what the gateway costs. The same RPC (`GetFeatureRequest` of one request)
 * at the same concurrency, through the gateway with gRPC-web, and straight to intake with plain gRPC.
 *
 * Set-up: a fresh Postgres database; intake and the gateway each as a separate process
 * (`node -r @swc-node/register …/main.ts`), as in the local-cluster mode; no Kafka (nothing here
 * publishes). The gateway's rate limits are raised out of the way: they are measured by tests.
 *
 *  - measured: gRPC-web calls (binary protobuf frames) with a bearer HS256 token each, which the
 *    gateway verifies, rate-limits, authorises and forwards over its gRPC channel. The client is a
 *    lean one over keep-alive HTTP/1.1 by default (the load generator shares the two cores, and
 *    connect-es spends several times more per call); FRM_BENCH_CLIENT=connect uses connect-es
 *    (FRM_BENCH_HTTP_VERSION=2 for HTTP/2);
 *  - baseline: a grpc-js client straight to intake with the caller metadata the gateway would set.
 *
 * Runs: the max rate at FRM_BENCH_CONCURRENCY (16) calls in flight, FRM_BENCH_CALLS (10,000) calls
 * each (ratio = gateway/direct, target ≥ 0.7); then open loop at FRM_BENCH_RATE (500) calls/s for
 * FRM_BENCH_SECONDS (10) s each, where the p99 the gateway adds is reported (target ≤ 2 ms). The
 * two kinds alternate (direct, gateway, direct, gateway) and the better of each pair's runs is kept,
 * so a hiccup of the machine does not decide the ratio. Progress on stderr, JSON lines on stdout.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createClient } from '@connectrpc/connect';
import { createGrpcWebTransport } from '@connectrpc/connect-node';
import { credentials, makeGenericClientConstructor, Metadata, type ServiceError } from '@grpc/grpc-js';
import { SignJWT } from 'jose';
import { createBenchDatabase, LeanGrpcWebClient, measureAtRate, measureConcurrently, reportResult, runConcurrently, ServiceProcess, type ConcurrentRun, type PacedRun } from '@frm/bench';
import { callerMetadataOf, type Role } from '@frm/caller';
import { frmV1, readDescriptorImage } from '@frm/contracts';

const serverUrl = process.env['FRM_BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CONCURRENCY = Number(process.env['FRM_BENCH_CONCURRENCY'] ?? 16);
const CALLS = Number(process.env['FRM_BENCH_CALLS'] ?? 10_000);
const RATE = Number(process.env['FRM_BENCH_RATE'] ?? 500);
const SECONDS = Number(process.env['FRM_BENCH_SECONDS'] ?? 10);
const HTTP_VERSION = (process.env['FRM_BENCH_HTTP_VERSION'] ?? '1.1') as '1.1' | '2';
// lean: binary gRPC-web frames over keep-alive HTTP/1.1 with little client work; connect: connect-es.
const CLIENT = (process.env['FRM_BENCH_CLIENT'] ?? 'lean') as 'lean' | 'connect';
const RATIO_TARGET = 0.7;
const ADDED_P99_TARGET_MS = 2;
const WARMUP = 1_000;
const USERS = 32;

type GetFeatureRequest = (i: number) => Promise<unknown>;

const children: ServiceProcess[] = [];
const log = (text: string) => process.stderr.write(`${text}\n`);
const round = (value: number) => Math.round(value * 100) / 100;

async function main(): Promise<void> {
  const database = await createBenchDatabase(serverUrl, 'bench_gateway');
  try {
    const intake = spawnChild('intake', 'services/intake/src/main.ts', 'grpc', {
      FRM_DATABASE_URL: database.url,
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
      FRM_RATE_LIMIT_PER_IP: '1000000',
      FRM_RATE_LIMIT_PER_USER: '1000000',
      FRM_LOG_LEVEL: 'info',
    });
    const gatewayAddress = await gateway.ready();
    log(`intake (pid ${intake.pid}) on ${intakeAddress}, gateway (pid ${gateway.pid}) on ${gatewayAddress}`);

    const users = await Promise.all(Array.from({ length: USERS }, (_, i) => benchUser(i % 2 === 0 ? 'couple' : 'supplier', secret)));
    const direct = directClient(intakeAddress, users);
    const featureRequestId = await direct.submit();
    const viaGateway = CLIENT === 'lean' ? leanGatewayClient(gatewayAddress, users, featureRequestId) : gatewayClient(gatewayAddress, users, featureRequestId);
    const straight = (i: number) => direct.get(i, featureRequestId);

    await runConcurrently(WARMUP, CONCURRENCY, straight);
    await runConcurrently(WARMUP, CONCURRENCY, viaGateway);

    const maxRuns: { direct: ConcurrentRun[]; gateway: ConcurrentRun[] } = { direct: [], gateway: [] };
    for (let round = 1; round <= 2; round++) {
      maxRuns.direct.push(await measureConcurrently(`direct gRPC GetFeatureRequest (${round}/2)`, CALLS, CONCURRENCY, straight));
      maxRuns.gateway.push(await measureConcurrently(`gateway gRPC-web GetFeatureRequest (${round}/2)`, CALLS, CONCURRENCY, viaGateway));
    }
    const pacedRuns: { direct: PacedRun[]; gateway: PacedRun[] } = { direct: [], gateway: [] };
    for (let round = 1; round <= 2; round++) {
      pacedRuns.direct.push(await measureAtRate(`direct gRPC GetFeatureRequest (${round}/2)`, RATE * SECONDS, RATE, straight));
      pacedRuns.gateway.push(await measureAtRate(`gateway gRPC-web GetFeatureRequest (${round}/2)`, RATE * SECONDS, RATE, viaGateway));
    }

    const common = {
      rpc: 'frm.v1.IntakeService/GetFeatureRequest',
      transport:
        CLIENT === 'lean'
          ? 'gRPC-web (binary frames, keep-alive HTTP/1.1, a lean client) through the gateway'
          : `gRPC-web (connect-es, binary) over HTTP/${HTTP_VERSION} through the gateway`,
      baseline_is: 'plain gRPC (grpc-js, HTTP/2) straight to intake, with the caller metadata the gateway sets',
      processes: 'intake and gateway as separate processes',
    };
    const bestMax = (runs: ConcurrentRun[]) => runs.reduce((best, run) => (run.perSecond > best.perSecond ? run : best));
    const measuredMax = bestMax(maxRuns.gateway);
    const baselineMax = bestMax(maxRuns.direct);
    reportResult(
      'gateway.get_feature_request.max_throughput',
      { value: measuredMax.perSecond, unit: 'calls/s', baseline: baselineMax.perSecond, target: RATIO_TARGET },
      {
        ...common,
        ratioIs: 'value/baseline',
        concurrency: CONCURRENCY,
        calls: CALLS,
        runs: { gateway: maxRuns.gateway.map((run) => round(run.perSecond)), direct: maxRuns.direct.map((run) => round(run.perSecond)) },
        p50Ms: round(measuredMax.p50Ms),
        p99Ms: round(measuredMax.p99Ms),
        baselineP50Ms: round(baselineMax.p50Ms),
        baselineP99Ms: round(baselineMax.p99Ms),
      },
    );

    const bestPaced = (runs: PacedRun[]) => runs.reduce((best, run) => (run.p99Ms < best.p99Ms ? run : best));
    const measuredPaced = bestPaced(pacedRuns.gateway);
    const baselinePaced = bestPaced(pacedRuns.direct);
    const addedP99 = measuredPaced.p99Ms - baselinePaced.p99Ms;
    reportResult(
      `gateway.get_feature_request.at_${RATE}rps.added_p99`,
      { value: round(addedP99), unit: 'ms', baseline: round(baselinePaced.p99Ms), higherIsBetter: false },
      {
        ...common,
        ratioIs: 'baseline/value',
        pacing: 'open loop; latency from when each call was due',
        offeredRate: RATE,
        calls: measuredPaced.operations,
        p50Ms: round(measuredPaced.p50Ms),
        p99Ms: round(measuredPaced.p99Ms),
        baselineP50Ms: round(baselinePaced.p50Ms),
        baselineP99Ms: round(baselinePaced.p99Ms),
        addedP50Ms: round(measuredPaced.p50Ms - baselinePaced.p50Ms),
        runsP99Ms: { gateway: pacedRuns.gateway.map((run) => round(run.p99Ms)), direct: pacedRuns.direct.map((run) => round(run.p99Ms)) },
        errors: measuredPaced.errors,
        baselineErrors: baselinePaced.errors,
        target: ADDED_P99_TARGET_MS,
        targetIs: 'value <= target (ms)',
        meetsTarget: addedP99 <= ADDED_P99_TARGET_MS,
      },
    );

    for (const child of [intake, gateway]) {
      const problems = child.problems();
      if (problems.length > 0) log(`${child.name} logged ${problems.length} warnings/errors, e.g. ${JSON.stringify(problems[0])}`);
    }
  } finally {
    for (const child of [...children].reverse()) await child.stop().catch(() => undefined);
    await database.drop().catch((error: unknown) => log(`could not drop ${database.name}: ${String(error)}`));
  }
}

interface BenchUser {
  readonly subject: string;
  readonly role: Role;
  /** Minted beforehand, as a browser holds its token: signing is no part of the measurement. */
  readonly authorization: string;
}

async function benchUser(role: Role, secret: string): Promise<BenchUser> {
  const subject = randomUUID();
  const token = await new SignJWT({ roles: [role] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuer('frm')
    .setAudience('frm')
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(Buffer.from(secret, 'utf8'));
  return { subject, role, authorization: `Bearer ${token}` };
}

type UnaryCall = (request: unknown, metadata: Metadata, callback: (error: ServiceError | null, response?: unknown) => void) => void;

function directClient(address: string, users: readonly BenchUser[]) {
  const Client = makeGenericClientConstructor(frmV1.IntakeServiceService, 'frm.v1.IntakeService');
  const client = new Client(address, credentials.createInsecure()) as unknown as Record<string, UnaryCall>;
  const metadataOf = users.map((user) => {
    const metadata = new Metadata();
    for (const [key, value] of Object.entries(callerMetadataOf({ subject: user.subject, roles: [user.role] }, { clientAddress: '127.0.0.1' }))) metadata.set(key, value);
    return metadata;
  });
  const call = (rpc: string, request: unknown, i: number) =>
    new Promise<unknown>((resolve, reject) =>
      (client[rpc] as UnaryCall)(request, (metadataOf[i % USERS] as Metadata).clone(), (error, response) => (error ? reject(error) : resolve(response))),
    );
  return {
    async submit(): Promise<string> {
      const submitted = (await call(
        'submitFeatureRequest',
        frmV1.SubmitFeatureRequestRequest.fromPartial({ requestId: randomUUID(), title: 'Export the seating plan as PDF', description: 'For the venue.', category: 'guest-management' }),
        0,
      )) as frmV1.FeatureRequest;
      return submitted.id;
    },
    get: (i: number, featureRequestId: string) => call('getFeatureRequest', frmV1.GetFeatureRequestRequest.fromPartial({ featureRequestId }), i),
  };
}

function gatewayClient(address: string, users: readonly BenchUser[], featureRequestId: string): GetFeatureRequest {
  const descriptor = readDescriptorImage().getService('frm.v1.IntakeService');
  if (!descriptor) throw new Error('frm.v1.IntakeService is not in the descriptor image; run npm run proto:generate');
  const client = createClient(descriptor, createGrpcWebTransport({ baseUrl: `http://${address}`, httpVersion: HTTP_VERSION })) as unknown as Record<
    string,
    (request: object, options: { headers: Record<string, string> }) => Promise<unknown>
  >;
  const get = client['getFeatureRequest'] as (request: object, options: { headers: Record<string, string> }) => Promise<unknown>;
  return (i) => get({ featureRequestId }, { headers: { authorization: (users[i % USERS] as BenchUser).authorization } });
}

function leanGatewayClient(address: string, users: readonly BenchUser[], featureRequestId: string): GetFeatureRequest {
  const client = new LeanGrpcWebClient(address, CONCURRENCY);
  const message = frmV1.GetFeatureRequestRequest.encode({ featureRequestId }).finish();
  return (i) => client.unary('/frm.v1.IntakeService/GetFeatureRequest', message, { authorization: (users[i % USERS] as BenchUser).authorization });
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

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
