import { randomBytes, randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { createLogger } from '@frm/logging';
import { signAccessToken, startGateway, type RunningGateway } from '../src';
import { getFeatureRequestThrough, metricValue, scrapeMetrics } from './support/gateway-http';
import { LogCapture } from './support/log-capture';
import { rawHttp } from './support/raw-grpc-web';
import { RecordingIntake } from './support/recording-intake';

const SECRET = randomBytes(32).toString('base64url');

describe('rate limits when Redis does not answer', () => {
  let upstream: RecordingIntake;
  let gateway: RunningGateway;
  const log = new LogCapture();

  beforeAll(async () => {
    upstream = await RecordingIntake.start();
    gateway = await startGateway({
      routes: { 'frm.v1.IntakeService': upstream.address },
      tokenKeys: { secret: SECRET },
      logger: createLogger({ service: 'gateway-test', level: 'warn', destination: log }),
      port: 0,
      // Nothing listens on port 1: every connection is refused.
      redisUrl: 'redis://127.0.0.1:1',
      rateLimits: { perIpPerMinute: 3 },
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  it('starts, lets calls through counted in memory, and says so in its log and its metrics', async () => {
    const authorization = `Bearer ${await signAccessToken({ sub: randomUUID(), roles: ['couple'] }, SECRET)}`;
    const before = metricValue(await scrapeMetrics(gateway.address), 'frm_gateway_rate_limiter_degraded_total');
    for (let call = 0; call < 3; call++) expect((await getFeatureRequestThrough(gateway.address, { authorization })).code).toBe(status.OK);

    expect(metricValue(await scrapeMetrics(gateway.address), 'frm_gateway_rate_limiter_degraded_total')).toBeGreaterThanOrEqual(before + 3);
    expect(log.lines.map((line) => line['msg'])).toEqual(
      expect.arrayContaining([expect.stringContaining('Redis at redis://127.0.0.1:1 does not answer'), expect.stringContaining('rate limits count in memory')]),
    );
    // The in-memory stand-in still holds the limit for this process.
    expect((await getFeatureRequestThrough(gateway.address, { authorization })).code).toBe(status.RESOURCE_EXHAUSTED);
  });

  it('is not ready, naming Redis, while it stays live', async () => {
    expect((await rawHttp(gateway.address, { method: 'GET', path: '/healthz' })).status).toBe(200);
    const readiness = await rawHttp(gateway.address, { method: 'GET', path: '/readyz' });
    expect(readiness.status).toBe(503);
    expect(JSON.parse(readiness.body.toString())).toMatchObject({ ready: false, notReady: ['frm.v1.IntakeService', 'redis'] });
  });
});
