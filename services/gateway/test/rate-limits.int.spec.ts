import { randomBytes, randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { createLogger } from '@frm/logging';
import { testRedis, type TestRedis } from '@frm/testing';
import { signAccessToken, startGateway, type GatewayOptions, type RunningGateway } from '../src';
import { GrpcIntakeClient } from './support/gateway-clients';
import { getFeatureRequestThrough, metricValue, scrapeMetrics } from './support/gateway-http';
import { RecordingIntake } from './support/recording-intake';

const SECRET = randomBytes(32).toString('base64url');

describe('rate limits on Redis', () => {
  let upstream: RecordingIntake;
  let redis: TestRedis;
  const gateways: RunningGateway[] = [];

  /** A gateway behind a trusted proxy at 127.0.0.1 (the test), so X-Forwarded-For names the client. */
  const startBehindProxy = async (options: Partial<GatewayOptions> = {}) => {
    const gateway = await startGateway({
      routes: { 'frm.v1.IntakeService': upstream.address },
      tokenKeys: { secret: SECRET },
      logger: createLogger({ service: 'gateway-test', level: 'silent' }),
      port: 0,
      trustedProxies: ['127.0.0.1'],
      redisUrl: process.env['FRM_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      ...options,
    });
    gateways.push(gateway);
    return gateway;
  };
  const tokenFor = async (sub: string = randomUUID()) => `Bearer ${await signAccessToken({ sub, roles: ['couple'] }, SECRET)}`;

  beforeAll(async () => {
    upstream = await RecordingIntake.start();
    redis = await testRedis();
  });

  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.close()));
    await upstream?.close();
    await redis?.cleanup();
  });

  it('refuses the 101st call in a minute from one address with RESOURCE_EXHAUSTED and a retry-after, and serves another address', async () => {
    const keyPrefix = `${redis.prefix}per-ip`;
    const gateway = await startBehindProxy({ rateLimitKeyPrefix: keyPrefix });
    const authorization = await tokenFor();
    const fromCrowdedAddress = { authorization, 'x-forwarded-for': '198.51.100.7' };
    for (let call = 1; call <= 100; call++) {
      expect({ call, code: (await getFeatureRequestThrough(gateway.address, fromCrowdedAddress)).code }).toEqual({ call, code: status.OK });
    }

    const refused = await getFeatureRequestThrough(gateway.address, fromCrowdedAddress);
    expect(refused.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(refused.message).toMatch(/^too many calls from your network address: the limit is 100 a minute; retry in \d+ s$/);
    const retryAfter = Number(refused.trailers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(refused.message).toContain(`retry in ${retryAfter} s`);

    expect((await getFeatureRequestThrough(gateway.address, { authorization, 'x-forwarded-for': '198.51.100.8' })).code).toBe(status.OK);
    // The counters live in Redis, so every gateway replica sees them: a second one refuses the address too.
    const replica = await startBehindProxy({ rateLimitKeyPrefix: keyPrefix });
    expect((await getFeatureRequestThrough(replica.address, fromCrowdedAddress)).code).toBe(status.RESOURCE_EXHAUSTED);
    expect(await redis.redis.exists(`per-ip:ip:198.51.100.7`)).toBe(1);
    expect(metricValue(await scrapeMetrics(gateway.address), 'frm_gateway_rate_limit_refusals_total{limit="ip"}')).toBe(1);
  });

  it('tells a plain gRPC client the same, in its trailers', async () => {
    const gateway = await startBehindProxy({ rateLimitKeyPrefix: `${redis.prefix}grpc`, rateLimits: { perIpPerMinute: 2 } });
    const client = new GrpcIntakeClient(gateway.address);
    try {
      const headers = { authorization: await tokenFor(), 'x-forwarded-for': '203.0.113.9' };
      await client.call('getFeatureRequest', { featureRequestId: 'a' }, headers);
      await client.call('getFeatureRequest', { featureRequestId: 'b' }, headers);
      const error = await client.failure('getFeatureRequest', { featureRequestId: 'c' }, headers);
      expect(error.code).toBe(status.RESOURCE_EXHAUSTED);
      expect(error.details).toContain('the limit is 2 a minute');
      expect(error.metadata.get('retry-after')[0]).toMatch(/^\d+$/);
    } finally {
      client.close();
    }
  });

  it('holds a user to the per-user limit across addresses, and other users not', async () => {
    const gateway = await startBehindProxy({ rateLimitKeyPrefix: `${redis.prefix}per-user`, rateLimits: { perUserPerMinute: 8 } });
    const busy = await tokenFor();
    for (let call = 0; call < 8; call++) {
      const address = call % 2 === 0 ? '192.0.2.10' : '192.0.2.11';
      expect((await getFeatureRequestThrough(gateway.address, { authorization: busy, 'x-forwarded-for': address })).code).toBe(status.OK);
    }
    for (const address of ['192.0.2.10', '192.0.2.11', '192.0.2.12']) {
      const refused = await getFeatureRequestThrough(gateway.address, { authorization: busy, 'x-forwarded-for': address });
      expect(refused.code).toBe(status.RESOURCE_EXHAUSTED);
      expect(refused.message).toMatch(/^too many calls by your account: the limit is 8 a minute; retry in \d+ s$/);
      expect(refused.trailers['retry-after']).toMatch(/^\d+$/);
    }
    expect((await getFeatureRequestThrough(gateway.address, { authorization: await tokenFor(), 'x-forwarded-for': '192.0.2.10' })).code).toBe(status.OK);
    expect(metricValue(await scrapeMetrics(gateway.address), 'frm_gateway_rate_limit_refusals_total{limit="user"}')).toBe(3);
  });

  it('counts calls refused for a bad token against the address, so that guessing tokens is held back', async () => {
    const gateway = await startBehindProxy({ rateLimitKeyPrefix: `${redis.prefix}bad-token`, rateLimits: { perIpPerMinute: 3 } });
    const headers = { authorization: 'Bearer not.a.jwt', 'x-forwarded-for': '192.0.2.99' };
    for (let call = 0; call < 3; call++) expect((await getFeatureRequestThrough(gateway.address, headers)).code).toBe(status.UNAUTHENTICATED);
    expect((await getFeatureRequestThrough(gateway.address, headers)).code).toBe(status.RESOURCE_EXHAUSTED);
  });
});
