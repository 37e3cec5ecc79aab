import { randomBytes, randomUUID } from 'node:crypto';
import { Code, ConnectError } from '@connectrpc/connect';
import { status } from '@grpc/grpc-js';
import { CALLER_METADATA } from '@frm/caller';
import { frmV1 } from '@frm/contracts';
import { createLogger } from '@frm/logging';
import { MAX_REQUEST_BYTES, signAccessToken, startGateway, type RunningGateway } from '../src';
import { GrpcIntakeClient, grpcWebClient, type UntypedUnary } from './support/gateway-clients';
import { frame, parseGrpcWebBody, rawHttp } from './support/raw-grpc-web';
import { RecordingIntake } from './support/recording-intake';

const SECRET = randomBytes(32).toString('base64url');
const ALLOWED_ORIGIN = 'https://board.example.com';
const GET_PATH = '/frm.v1.IntakeService/GetFeatureRequest';

describe('gateway in front of a gRPC service', () => {
  let upstream: RecordingIntake;
  let gateway: RunningGateway;
  let grpc: GrpcIntakeClient;

  const bearer = async (roles: string[] = ['couple'], extra: Partial<Parameters<typeof signAccessToken>[0]> = {}, sub: string = randomUUID()) => ({
    sub,
    authorization: `Bearer ${await signAccessToken({ sub, roles, ...extra }, SECRET)}`,
  });
  const getRequest = (featureRequestId: string) => Buffer.from(frmV1.GetFeatureRequestRequest.encode({ featureRequestId }).finish());

  beforeAll(async () => {
    upstream = await RecordingIntake.start();
    gateway = await startGateway({
      routes: { 'frm.v1.IntakeService': upstream.address },
      tokenKeys: { secret: SECRET },
      logger: createLogger({ service: 'gateway-test', level: 'silent' }),
      port: 0,
      corsOrigins: [ALLOWED_ORIGIN],
    });
    grpc = new GrpcIntakeClient(gateway.address);
  });

  afterAll(async () => {
    grpc.close();
    await gateway.close();
    await upstream.close();
  });

  describe('forwards calls', () => {
    it.each(['1.1', '2'] as const)('gRPC-web over HTTP/%s, with the caller taken from the token', async (httpVersion) => {
      const { sub, authorization } = await bearer(['supplier']);
      const id = randomUUID();
      const answer = await (grpcWebClient(gateway.address, 'frm.v1.IntakeService', httpVersion)['getFeatureRequest'] as UntypedUnary)({ featureRequestId: id }, { headers: { authorization } });
      expect(answer).toMatchObject({ id, authorId: sub, title: 'supplier' });
    });

    it('plain gRPC over HTTP/2', async () => {
      const { sub, authorization } = await bearer(['product']);
      const answer = await grpc.call<frmV1.FeatureRequest>('getFeatureRequest', { featureRequestId: 'abc' }, { authorization });
      expect(answer).toMatchObject({ id: 'abc', authorId: sub, title: 'product' });
    });

    it('gRPC-web text, base64 both ways', async () => {
      const { sub, authorization } = await bearer();
      const response = await rawHttp(gateway.address, {
        path: GET_PATH,
        headers: { 'content-type': 'application/grpc-web-text', authorization },
        body: frame(getRequest('in-text')).toString('base64'),
      });
      expect(response.headers['content-type']).toBe('application/grpc-web-text+proto');
      const { messages, trailers } = parseGrpcWebBody(decodePaddedChunks(response.body.toString('latin1')));
      expect(trailers['grpc-status']).toBe('0');
      expect(frmV1.FeatureRequest.decode(messages[0] as Buffer)).toMatchObject({ id: 'in-text', authorId: sub });
    });

    it('drops caller metadata the client forged, and passes on the request id and the deadline', async () => {
      const { sub, authorization } = await bearer(['couple']);
      const before = Date.now();
      await grpc.call(
        'getFeatureRequest',
        { featureRequestId: 'x' },
        { authorization, [CALLER_METADATA.subject]: randomUUID(), [CALLER_METADATA.roles]: 'admin', 'x-frm-anything': 'forged', 'x-request-id': 'req-42' },
        { deadline: new Date(Date.now() + 5_000) },
      );
      const seen = upstream.calls.at(-1);
      expect(seen?.metadata).toMatchObject({ [CALLER_METADATA.subject]: sub, [CALLER_METADATA.roles]: 'couple', 'x-request-id': 'req-42' });
      expect(seen?.metadata).not.toHaveProperty('x-frm-anything');
      expect(seen?.metadata).not.toHaveProperty('authorization');
      const deadline = Number(seen?.deadline);
      expect(deadline).toBeGreaterThan(before + 3_000);
      expect(deadline).toBeLessThanOrEqual(before + 5_100);
    });

    it('makes a request id when the client sends none, and tells it in the response', async () => {
      const { authorization } = await bearer();
      const response = await rawHttp(gateway.address, {
        path: GET_PATH,
        headers: { 'content-type': 'application/grpc-web+proto', authorization },
        body: frame(getRequest('y')),
      });
      const requestId = response.headers['x-request-id'];
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(upstream.calls.at(-1)?.metadata['x-request-id']).toBe(requestId);
    });
  });

  describe('refuses', () => {
    const webFailure = async (headers: Record<string, string>, rpc = 'getFeatureRequest'): Promise<ConnectError> => {
      try {
        await (grpcWebClient(gateway.address)[rpc] as UntypedUnary)({ featureRequestId: randomUUID() }, { headers });
      } catch (error) {
        return ConnectError.from(error);
      }
      throw new Error('the call succeeded');
    };

    it('a call without a token: UNAUTHENTICATED, over gRPC-web and gRPC', async () => {
      const web = await webFailure({});
      expect(web.code).toBe(Code.Unauthenticated);
      expect(web.rawMessage).toContain('authorization: Bearer');
      expect((await grpc.failure('getFeatureRequest', {}, {})).code).toBe(status.UNAUTHENTICATED);
    });

    it.each([
      ['expired', { expiresInSeconds: -60 }, 'expired'],
      ['from another issuer', { issuer: 'someone-else' }, '"iss"'],
      ['without a UUID subject', {}, 'sub'],
    ] as const)('a token %s: UNAUTHENTICATED', async (_, extra, reason) => {
      const sub = reason === 'sub' ? 'alice' : randomUUID();
      const { authorization } = await bearer(['couple'], extra, sub);
      const error = await grpc.failure('getFeatureRequest', {}, { authorization });
      expect(error.code).toBe(status.UNAUTHENTICATED);
      expect(error.details).toContain(reason);
    });

    it('a token with a role the platform does not know: UNAUTHENTICATED, naming the role', async () => {
      const { authorization } = await bearer(['couple', 'superuser']);
      const error = await grpc.failure('getFeatureRequest', {}, { authorization });
      expect(error.code).toBe(status.UNAUTHENTICATED);
      expect(error.details).toContain('superuser');
    });

    it('a token signed with another secret, or not a JWT: UNAUTHENTICATED', async () => {
      const forged = await signAccessToken({ sub: randomUUID(), roles: ['admin'] }, randomBytes(32).toString('hex'));
      for (const authorization of [`Bearer ${forged}`, 'Bearer not.a.jwt', 'Basic dXNlcjpwYXNz']) {
        expect((await grpc.failure('getFeatureRequest', {}, { authorization })).code).toBe(status.UNAUTHENTICATED);
      }
    });

    it('a role that may not call the RPC: PERMISSION_DENIED, before the service sees it', async () => {
      const calls = upstream.calls.length;
      const { authorization } = await bearer(['couple']);
      const error = await grpc.failure('changeStatus', { featureRequestId: randomUUID() }, { authorization });
      expect(error.code).toBe(status.PERMISSION_DENIED);
      expect(error.details).toContain('product, admin');
      const web = await webFailure({ authorization }, 'changeStatus');
      expect(web.code).toBe(Code.PermissionDenied);
      expect(upstream.calls.length).toBe(calls);
    });

    it('an RPC missing from the access table, whoever calls: PERMISSION_DENIED', async () => {
      const { authorization } = await bearer(['admin']);
      const response = await rawHttp(gateway.address, {
        path: '/frm.v1.IntakeService/DropAllTables',
        headers: { 'content-type': 'application/grpc-web+proto', authorization },
        body: frame(Buffer.alloc(0)),
      });
      expect(parseGrpcWebBody(response.body).trailers).toMatchObject({ 'grpc-status': String(status.PERMISSION_DENIED) });
    });

    it('a malformed frame: INVALID_ARGUMENT naming the problem, and the gateway serves the next call', async () => {
      const { authorization } = await bearer();
      const headers = { 'content-type': 'application/grpc-web+proto', authorization };
      const bodies = [Buffer.from([0, 0, 0, 0, 9, 1, 2]), Buffer.from([0, 0]), frame(getRequest('z'), 0x01), Buffer.from('hello world')];
      for (const body of bodies) {
        const response = await rawHttp(gateway.address, { path: GET_PATH, headers, body });
        expect(response.status).toBe(200);
        const { trailers } = parseGrpcWebBody(response.body);
        expect(trailers['grpc-status']).toBe(String(status.INVALID_ARGUMENT));
        expect(decodeURIComponent(trailers['grpc-message'] ?? '')).toContain('malformed gRPC frame');
      }
      const text = await rawHttp(gateway.address, { path: GET_PATH, headers: { ...headers, 'content-type': 'application/grpc-web-text' }, body: '@@not base64@@' });
      expect(parseGrpcWebBody(Buffer.from(text.body.toString('latin1'), 'base64')).trailers['grpc-status']).toBe(String(status.INVALID_ARGUMENT));

      const answer = await (grpcWebClient(gateway.address)['getFeatureRequest'] as UntypedUnary)({ featureRequestId: 'after' }, { headers: { authorization } });
      expect(answer).toMatchObject({ id: 'after' });
    });

    it('a request over the size limit: RESOURCE_EXHAUSTED', async () => {
      const { authorization } = await bearer();
      const response = await rawHttp(gateway.address, {
        path: GET_PATH,
        headers: { 'content-type': 'application/grpc-web+proto', authorization },
        body: frame(Buffer.alloc(MAX_REQUEST_BYTES + 1)),
      });
      expect(parseGrpcWebBody(response.body).trailers['grpc-status']).toBe(String(status.RESOURCE_EXHAUSTED));
    });

    it('JSON gRPC-web, which it cannot forward without decoding: UNIMPLEMENTED', async () => {
      const { authorization } = await bearer();
      const response = await rawHttp(gateway.address, { path: GET_PATH, headers: { 'content-type': 'application/grpc-web+json', authorization }, body: '{}' });
      const { trailers } = parseGrpcWebBody(response.body);
      expect(trailers['grpc-status']).toBe(String(status.UNIMPLEMENTED));
    });

    it('a service that does not run behind it: UNIMPLEMENTED', async () => {
      const { authorization } = await bearer(['couple']);
      const getTally = grpcWebClient(gateway.address, 'frm.v1.VotingService')['getTally'] as UntypedUnary;
      await expect(getTally({}, { headers: { authorization } })).rejects.toMatchObject({ code: Code.Unimplemented });
    });
  });

  describe('CORS', () => {
    const preflight = (origin: string) =>
      rawHttp(gateway.address, {
        method: 'OPTIONS',
        path: GET_PATH,
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-grpc-web' },
      });

    it('answers a preflight from an allowed origin, and exposes the gRPC status headers', async () => {
      const response = await preflight(ALLOWED_ORIGIN);
      expect(response.status).toBe(204);
      expect(response.headers).toMatchObject({ 'access-control-allow-origin': ALLOWED_ORIGIN, 'access-control-allow-methods': 'POST, OPTIONS' });
      expect(response.headers['access-control-allow-headers']).toContain('authorization');
      expect(response.headers['access-control-expose-headers']).toContain('grpc-status-details-bin');
    });

    it('does not for another origin', async () => {
      const response = await preflight('https://evil.example.com');
      expect(response.status).toBe(403);
      expect(response.headers).not.toHaveProperty('access-control-allow-origin');
      expect(response.body.toString()).toContain('FRM_CORS_ORIGINS');
    });

    it('marks the answers to an allowed origin', async () => {
      const { authorization } = await bearer();
      const response = await rawHttp(gateway.address, {
        path: GET_PATH,
        headers: { 'content-type': 'application/grpc-web+proto', authorization, origin: ALLOWED_ORIGIN },
        body: frame(getRequest('cors')),
      });
      expect(response.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
      expect(response.headers['access-control-expose-headers']).toContain('grpc-message');
    });
  });
});

function decodePaddedChunks(text: string): Buffer {
  return Buffer.concat((text.match(/[A-Za-z0-9+/]+={0,2}/g) ?? []).map((chunk) => Buffer.from(chunk, 'base64')));
}
