import { randomBytes, randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { createLogger } from '@frm/logging';
import { signAccessToken, startGateway, type RunningGateway } from '../src';
import { getFeatureRequestThrough, metricValue, scrapeMetrics } from './support/gateway-http';
import { RecordingIntake } from './support/recording-intake';

const SECRET = randomBytes(32).toString('base64url');

describe('rate limits in memory (embedded: no Redis)', () => {
  let upstream: RecordingIntake;
  let gateway: RunningGateway;

  beforeAll(async () => {
    upstream = await RecordingIntake.start();
    gateway = await startGateway({
      routes: { 'frm.v1.IntakeService': upstream.address },
      tokenKeys: { secret: SECRET },
      logger: createLogger({ service: 'gateway-test', level: 'silent' }),
      port: 0,
      trustedProxies: ['127.0.0.1'],
      rateLimits: { perUserPerMinute: 150 },
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  it('refuses the 101st call from one address and the 151st of one user, without Redis and without degrading', async () => {
    const authorization = `Bearer ${await signAccessToken({ sub: randomUUID(), roles: ['couple'] }, SECRET)}`;
    for (let call = 0; call < 100; call++) {
      expect((await getFeatureRequestThrough(gateway.address, { authorization, 'x-forwarded-for': '198.51.100.1' })).code).toBe(status.OK);
    }
    const overAddress = await getFeatureRequestThrough(gateway.address, { authorization, 'x-forwarded-for': '198.51.100.1' });
    expect(overAddress).toMatchObject({ code: status.RESOURCE_EXHAUSTED, trailers: { 'retry-after': expect.stringMatching(/^\d+$/) } });
    expect(overAddress.message).toContain('network address');

    for (let call = 0; call < 50; call++) {
      expect((await getFeatureRequestThrough(gateway.address, { authorization, 'x-forwarded-for': '198.51.100.2' })).code).toBe(status.OK);
    }
    const overUser = await getFeatureRequestThrough(gateway.address, { authorization, 'x-forwarded-for': '198.51.100.3' });
    expect(overUser.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(overUser.message).toContain('the limit is 150 a minute');

    const metrics = await scrapeMetrics(gateway.address);
    expect(metricValue(metrics, 'frm_gateway_rate_limiter_degraded_total')).toBe(0);
    expect(metricValue(metrics, 'frm_gateway_rate_limit_refusals_total{limit="ip"}')).toBe(1);
    expect(metricValue(metrics, 'frm_gateway_rate_limit_refusals_total{limit="user"}')).toBe(1);
  });
});
