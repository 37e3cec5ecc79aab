import { randomBytes, randomUUID } from 'node:crypto';
import { CALLER_METADATA } from '@frm/caller';
import { frmV1 } from '@frm/contracts';
import { createLogger } from '@frm/logging';
import { signAccessToken, startGateway, type RunningGateway } from '../src';
import { GrpcIntakeClient } from './support/gateway-clients';
import { frame, parseGrpcWebBody, rawHttp } from './support/raw-grpc-web';
import { RecordingIntake } from './support/recording-intake';

const SECRET = randomBytes(32).toString('base64url');
const ALLOWED_ORIGIN = 'https://board.example.com';
const ACCOUNT_CREATED_AT = 1_700_000_000;

describe('the signals the gateway hands to the services', () => {
  let upstream: RecordingIntake;
  // The test connects from 127.0.0.1: one gateway trusts that peer as a proxy, the other (the default) trusts nobody.
  let behindProxy: RunningGateway;
  let exposed: RunningGateway;
  let authorization: string;

  beforeAll(async () => {
    upstream = await RecordingIntake.start();
    const start = (trustedProxies?: readonly string[]) =>
      startGateway({
        routes: { 'frm.v1.IntakeService': upstream.address },
        tokenKeys: { secret: SECRET },
        logger: createLogger({ service: 'gateway-test', level: 'silent' }),
        port: 0,
        corsOrigins: [ALLOWED_ORIGIN],
        ...(trustedProxies ? { trustedProxies } : {}),
      });
    behindProxy = await start(['127.0.0.1', '10.0.0.0/8']);
    exposed = await start();
    authorization = `Bearer ${await signAccessToken({ sub: randomUUID(), roles: ['couple'], claims: { account_created_at: ACCOUNT_CREATED_AT } }, SECRET)}`;
  });

  afterAll(async () => {
    await Promise.all([behindProxy?.close(), exposed?.close()]);
    await upstream?.close();
  });

  /** The metadata the service received for one gRPC-web call (HTTP/1.1) with `headers`. */
  async function seenOverGrpcWeb(gateway: RunningGateway, headers: Record<string, string>): Promise<Record<string, string>> {
    const featureRequestId = randomUUID();
    const response = await rawHttp(gateway.address, {
      path: '/frm.v1.IntakeService/GetFeatureRequest',
      headers: { 'content-type': 'application/grpc-web+proto', authorization, ...headers },
      body: frame(frmV1.GetFeatureRequestRequest.encode({ featureRequestId }).finish()),
    });
    expect(parseGrpcWebBody(response.body).trailers['grpc-status']).toBe('0');
    return metadataOfCallFor(featureRequestId);
  }

  /** The same over plain gRPC (HTTP/2). */
  async function seenOverGrpc(gateway: RunningGateway, headers: Record<string, string>): Promise<Record<string, string>> {
    const client = new GrpcIntakeClient(gateway.address);
    const featureRequestId = randomUUID();
    try {
      await client.call('getFeatureRequest', { featureRequestId }, { authorization, ...headers });
    } finally {
      client.close();
    }
    return metadataOfCallFor(featureRequestId);
  }

  function metadataOfCallFor(featureRequestId: string): Record<string, string> {
    const call = upstream.calls.find((recorded) => recorded.featureRequestId === featureRequestId);
    if (!call) throw new Error(`the service saw no call for ${featureRequestId}`);
    return call.metadata;
  }

  describe.each([
    ['gRPC-web over HTTP/1.1', seenOverGrpcWeb],
    ['gRPC over HTTP/2', seenOverGrpc],
  ] as const)('%s', (_, seen) => {
    it('takes the client address from X-Forwarded-For when the peer is a trusted proxy', async () => {
      const metadata = await seen(behindProxy, { 'x-forwarded-for': '192.0.2.66, 198.51.100.23, 10.1.2.3' });
      expect(metadata[CALLER_METADATA.clientAddress]).toBe('198.51.100.23');
    });

    it('ignores X-Forwarded-For from a peer it does not trust: the peer is the client', async () => {
      const metadata = await seen(exposed, { 'x-forwarded-for': '198.51.100.23' });
      expect(metadata[CALLER_METADATA.clientAddress]).toBe('127.0.0.1');
    });

    it('drops a client address, or any caller metadata, that the client sent itself', async () => {
      const forged = { 'x-frm-client-ip': '203.0.113.66', 'x-frm-device-fingerprint': 'forged', 'x-frm-account-created-at': '0' };
      expect(await seen(exposed, forged)).toMatchObject({ [CALLER_METADATA.clientAddress]: '127.0.0.1', [CALLER_METADATA.accountCreatedAt]: String(ACCOUNT_CREATED_AT) });
      const metadata = await seen(behindProxy, forged);
      expect(metadata[CALLER_METADATA.clientAddress]).toBe('127.0.0.1');
      expect(metadata).not.toHaveProperty(CALLER_METADATA.deviceFingerprint);
    });

    it('forwards the device fingerprint and the user agent, and the account age from the token', async () => {
      const metadata = await seen(exposed, { 'x-device-fingerprint': 'fp-3b9f0c2e', 'x-user-agent': 'frm-web/1.4' });
      expect(metadata).toMatchObject({
        [CALLER_METADATA.deviceFingerprint]: 'fp-3b9f0c2e',
        [CALLER_METADATA.userAgent]: 'frm-web/1.4',
        [CALLER_METADATA.accountCreatedAt]: String(ACCOUNT_CREATED_AT),
      });
      expect(metadata).not.toHaveProperty('x-device-fingerprint');
    });

    it('drops a device fingerprint over 256 characters', async () => {
      expect(await seen(exposed, { 'x-device-fingerprint': 'f'.repeat(257) })).not.toHaveProperty(CALLER_METADATA.deviceFingerprint);
    });
  });

  it('lets browsers send the device fingerprint across origins', async () => {
    const response = await rawHttp(exposed.address, {
      method: 'OPTIONS',
      path: '/frm.v1.IntakeService/GetFeatureRequest',
      headers: { origin: ALLOWED_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-device-fingerprint' },
    });
    expect(response.headers['access-control-allow-headers']).toContain('x-device-fingerprint');
  });
});
