import { randomBytes, randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { createLogger } from '@frm/logging';
import { testRedis, waitUntil, type TestRedis } from '@frm/testing';
import { signAccessToken, startGateway, type RunningGateway } from '../src';
import { freePort } from './support/free-port';
import { getFeatureRequestThrough, metricValue } from './support/gateway-http';
import { HealthServer } from './support/health-server';
import { frame, parseGrpcWebBody, rawHttp } from './support/raw-grpc-web';
import { RecordingIntake } from './support/recording-intake';

const SECRET = randomBytes(32).toString('base64url');
const VOTING = 'frm.v1.VotingService';

describe('health and metrics on the gateway port', () => {
  let intake: RecordingIntake;
  let intakeHealth: HealthServer;
  let votingPort: number;
  let voting: HealthServer | undefined;
  let redis: TestRedis;
  let gateway: RunningGateway;

  const get = (path: string, method = 'GET') => rawHttp(gateway.address, { method, path });
  const readiness = async () => {
    const response = await get('/readyz');
    return { status: response.status, body: JSON.parse(response.body.toString()) as { ready: boolean; notReady: string[]; checks: Record<string, string> } };
  };

  beforeAll(async () => {
    intake = await RecordingIntake.start();
    // The recording intake answers calls, this one its health: the gateway asks each route's address.
    intakeHealth = await HealthServer.start(0, ['frm.v1.IntakeService']);
    votingPort = await freePort();
    redis = await testRedis();
    gateway = await startGateway({
      routes: { 'frm.v1.IntakeService': intake.address, [VOTING]: `127.0.0.1:${votingPort}`, 'frm.v1.HealthOnly': intakeHealth.address },
      tokenKeys: { secret: SECRET },
      logger: createLogger({ service: 'gateway-test', level: 'silent' }),
      port: 0,
      redisUrl: process.env['FRM_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      rateLimitKeyPrefix: `${redis.prefix}gateway`,
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all([intake?.close(), intakeHealth?.close(), voting?.close()]);
    await redis?.cleanup();
  });

  it('/healthz: 200 while the process serves, whatever is behind it', async () => {
    const response = await get('/healthz');
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect((await get('/healthz', 'HEAD')).status).toBe(200);
  });

  it('/readyz: 503 with a JSON body naming each routed service that does not answer SERVING, and why', async () => {
    const down = await readiness();
    expect(down.status).toBe(503);
    expect(down.body.ready).toBe(false);
    expect(down.body.notReady).toEqual(expect.arrayContaining(['frm.v1.IntakeService', VOTING]));
    expect(down.body.notReady).not.toContain('redis');
    expect(down.body.checks[VOTING]).toMatch(/unreachable|no answer/);
    // The recording intake serves no health service: it counts as not ready, with the reason.
    expect(down.body.checks['frm.v1.IntakeService']).toMatch(/UNIMPLEMENTED/);
    expect(down.body.checks['frm.v1.HealthOnly']).toMatch(/NOT_FOUND/);
  });

  it('/readyz follows a service that starts, answers NOT_SERVING, and serves again', async () => {
    const ready = await startReadyGateway();
    try {
      voting = await HealthServer.start(votingPort, [VOTING]);
      await waitUntil('the gateway is ready', async () => (await rawHttp(ready.address, { method: 'GET', path: '/readyz' })).status === 200, { timeoutMs: 15_000, intervalMs: 200 });
      const body = JSON.parse((await rawHttp(ready.address, { method: 'GET', path: '/readyz' })).body.toString());
      expect(body).toEqual({ ready: true, checks: { [VOTING]: 'ready', redis: 'ready' }, notReady: [] });

      voting.health.setStatus(VOTING, 'NOT_SERVING');
      const notServing = await rawHttp(ready.address, { method: 'GET', path: '/readyz' });
      expect(notServing.status).toBe(503);
      expect(JSON.parse(notServing.body.toString()).checks[VOTING]).toBe('answers NOT_SERVING');
      voting.health.setStatus(VOTING, 'SERVING');
      expect((await rawHttp(ready.address, { method: 'GET', path: '/readyz' })).status).toBe(200);
    } finally {
      await ready.close();
    }
  });

  it('/metrics: RPC latency by RPC and gRPC code, bounded labels, rate-limit counters and process metrics', async () => {
    const authorization = `Bearer ${await signAccessToken({ sub: randomUUID(), roles: ['couple'] }, SECRET)}`;
    expect((await getFeatureRequestThrough(gateway.address, { authorization })).code).toBe(status.OK);
    expect((await getFeatureRequestThrough(gateway.address, { authorization })).code).toBe(status.OK);
    expect((await getFeatureRequestThrough(gateway.address, {})).code).toBe(status.UNAUTHENTICATED);
    for (const path of ['/frm.v1.Made/Up', '/x.y.Z/Random1', '/not-a-method']) {
      await rawHttp(gateway.address, { path, headers: { 'content-type': 'application/grpc-web+proto', authorization }, body: frame(Buffer.alloc(0)) });
    }

    const response = await get('/metrics');
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = response.body.toString();
    const rpc = 'frm.v1.IntakeService/GetFeatureRequest';
    expect(text).toContain('# TYPE frm_gateway_rpc_duration_seconds histogram');
    expect(metricValue(text, `frm_gateway_rpc_duration_seconds_count{rpc="${rpc}",code="OK"}`)).toBe(2);
    expect(metricValue(text, `frm_gateway_rpc_duration_seconds_bucket{le="+Inf",rpc="${rpc}",code="UNAUTHENTICATED"}`)).toBe(1);
    expect(metricValue(text, `frm_gateway_rpc_calls_total{rpc="${rpc}",code="OK"}`)).toBe(2);
    expect(metricValue(text, 'frm_gateway_rpc_calls_total{rpc="unknown",code="PERMISSION_DENIED"}')).toBe(2);
    expect(metricValue(text, 'frm_gateway_rpc_calls_total{rpc="unknown",code="UNIMPLEMENTED"}')).toBe(1);
    expect(text).not.toMatch(/Made\/Up|Random1|not-a-method/);
    expect(text).toContain('frm_gateway_rate_limit_refusals_total{limit="ip"} 0');
    expect(text).toContain('frm_gateway_rate_limiter_degraded_total 0');
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('does not forward the services’ internal health service from outside', async () => {
    const authorization = `Bearer ${await signAccessToken({ sub: randomUUID(), roles: ['admin'] }, SECRET)}`;
    const response = await rawHttp(gateway.address, {
      path: '/grpc.health.v1.Health/Check',
      headers: { 'content-type': 'application/grpc-web+proto', authorization },
      body: frame(Buffer.alloc(0)),
    });
    const { trailers } = parseGrpcWebBody(response.body);
    expect(trailers['grpc-status']).toBe(String(status.PERMISSION_DENIED));
    expect(decodeURIComponent(trailers['grpc-message'] ?? '')).toMatch(/no entry in (its|the) access table/);
  });

  it('answers other GET paths with 404 when it serves no web board, and other methods with 405', async () => {
    const missing = await get('/index.html');
    expect(missing.status).toBe(404);
    expect(missing.body.toString()).toContain('FRM_WEB_ROOT');
    const put = await get('/healthz', 'PUT');
    expect(put.status).toBe(405);
    expect(put.headers['allow']).toBe('GET, HEAD, POST, OPTIONS');
  });

  function startReadyGateway(): Promise<RunningGateway> {
    return startGateway({
      routes: { [VOTING]: `127.0.0.1:${votingPort}` },
      tokenKeys: { secret: SECRET },
      logger: createLogger({ service: 'gateway-test', level: 'silent' }),
      port: 0,
      redisUrl: process.env['FRM_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      rateLimitKeyPrefix: `${redis.prefix}ready`,
    });
  }
});
