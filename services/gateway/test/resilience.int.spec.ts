import { randomBytes, randomUUID } from 'node:crypto';
import { Server, ServerCredentials, status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { frmV1 } from '@frm/contracts';
import { createLogger } from '@frm/logging';
import { ServiceTestClient } from '@frm/testing';
import { signAccessToken, startGateway, type RunningGateway } from '../src';
import { GrpcIntakeClient } from './support/gateway-clients';
import { rawHttp } from './support/raw-grpc-web';

const SECRET = randomBytes(32).toString('base64url');
// Long enough for a call to an answering service on a busy machine to come back well within it.
const UPSTREAM_TIMEOUT_MS = 1_000;
const RESET_MS = 1_500;

/** An intake whose answers each test scripts by the request id asked for; it counts what reached it. */
async function scriptedIntake() {
  const seen = new Map<string, number>();
  let submits = 0;
  let healthy = true;
  const server = new Server();
  server.addService(frmV1.IntakeServiceService, {
    getFeatureRequest(call: ServerUnaryCall<frmV1.GetFeatureRequestRequest, frmV1.FeatureRequest>, callback: sendUnaryData<frmV1.FeatureRequest>) {
      const id = call.request.featureRequestId;
      const attempt = (seen.get(id) ?? 0) + 1;
      seen.set(id, attempt);
      if (id.startsWith('hang')) return; // never answers
      if (!healthy || id.startsWith('down') || (id.startsWith('flaky') && attempt === 1)) return callback({ code: status.UNAVAILABLE, details: 'restarting' });
      callback(null, frmV1.FeatureRequest.fromPartial({ id }));
    },
    submitFeatureRequest(_call: unknown, callback: sendUnaryData<frmV1.FeatureRequest>) {
      submits += 1;
      callback({ code: status.UNAVAILABLE, details: 'restarting' });
    },
  });
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))));
  return {
    address: `127.0.0.1:${port}`,
    attemptsFor: (id: string) => seen.get(id) ?? 0,
    submits: () => submits,
    setHealthy: (value: boolean) => (healthy = value),
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}

/** A voting service that answers at once: the one that must not suffer from intake's trouble. */
async function quickVoting() {
  const server = new Server();
  server.addService(frmV1.VotingServiceService, {
    getTally(call: ServerUnaryCall<frmV1.GetTallyRequest, frmV1.Tally>, callback: sendUnaryData<frmV1.Tally>) {
      callback(null, frmV1.Tally.fromPartial({ featureRequestId: call.request.featureRequestId, counted: '7' }));
    },
  });
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))));
  return { address: `127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())) };
}

describe('gateway resilience: deadlines, retries of reads within a budget, a circuit per service', () => {
  let intake: Awaited<ReturnType<typeof scriptedIntake>>;
  let voting: Awaited<ReturnType<typeof quickVoting>>;
  let gateway: RunningGateway;
  let grpc: GrpcIntakeClient;
  let votingClient: ServiceTestClient<frmV1.VotingServiceController, string>;
  let authorization: string;

  beforeAll(async () => {
    intake = await scriptedIntake();
    voting = await quickVoting();
    gateway = await startGateway({
      routes: { 'frm.v1.IntakeService': intake.address, 'frm.v1.VotingService': voting.address },
      tokenKeys: { secret: SECRET },
      logger: createLogger({ service: 'gateway-test', level: 'silent' }),
      port: 0,
      rateLimits: { perIpPerMinute: 100_000, perUserPerMinute: 100_000 },
      upstreamTimeoutMs: UPSTREAM_TIMEOUT_MS,
      circuits: { volumeThreshold: 6, errorThresholdPercentage: 50, resetTimeoutMs: RESET_MS },
    });
    grpc = new GrpcIntakeClient(gateway.address);
    authorization = `Bearer ${await signAccessToken({ sub: randomUUID(), roles: ['couple'] }, SECRET)}`;
    votingClient = new ServiceTestClient(gateway.address, frmV1.VotingServiceService, frmV1, (auth) => ({ authorization: auth }));
  });

  afterAll(async () => {
    grpc.close();
    (votingClient as unknown as { client: { close(): void } }).client.close();
    await gateway.close();
    await intake.close();
    await voting.close();
  });

  const circuitState = async () => /frm_gateway_circuit_state\{service="frm\.v1\.IntakeService"\} (\d)/.exec((await rawHttp(gateway.address, { path: '/metrics', method: 'GET' })).body.toString())?.[1];

  it('ends a call its service does not answer at the gateway’s own deadline, and the other services answer meanwhile', async () => {
    // The voting route's connection is made first, so what is timed is only the calls themselves.
    await votingClient.call('getTally', { featureRequestId: 'r1' }, authorization);
    const started = Date.now();
    const hanging = grpc.failure('getFeatureRequest', { featureRequestId: `hang-${randomUUID()}` }, { authorization });
    expect(await votingClient.call('getTally', { featureRequestId: 'r1' }, authorization)).toMatchObject({ counted: '7' });
    expect(Date.now() - started).toBeLessThan(UPSTREAM_TIMEOUT_MS);
    expect((await hanging).code).toBe(status.DEADLINE_EXCEEDED);
    expect(Date.now() - started).toBeLessThan(UPSTREAM_TIMEOUT_MS + 2_000);
  });

  it('retries a read that found its service unavailable, but never a write', async () => {
    const id = `flaky-${randomUUID()}`;
    expect(await grpc.call('getFeatureRequest', { featureRequestId: id }, { authorization })).toMatchObject({ id });
    expect(intake.attemptsFor(id)).toBe(2);
    const refused = await grpc.failure('submitFeatureRequest', frmV1.SubmitFeatureRequestRequest.fromPartial({ requestId: randomUUID(), title: 'A seating plan' }), { authorization });
    expect([refused.code, refused.details]).toEqual([status.UNAVAILABLE, 'restarting']);
    expect(intake.submits()).toBe(1);
  });

  it('opens the circuit of a failing service: its calls are refused at once with a retry-after, the others go on, and it closes once the service answers', async () => {
    intake.setHealthy(false);
    for (let i = 0; i < 6; i++) expect((await grpc.failure('getFeatureRequest', { featureRequestId: `down-${i}` }, { authorization })).code).toBe(status.UNAVAILABLE);
    expect(await circuitState()).toBe('2');
    const before = intake.attemptsFor('down-refused');
    const refused = await grpc.failure('getFeatureRequest', { featureRequestId: 'down-refused' }, { authorization });
    expect(refused.code).toBe(status.UNAVAILABLE);
    expect(refused.details).toMatch(/circuit open/);
    expect(Number(refused.metadata.get('retry-after')[0])).toBeGreaterThanOrEqual(1);
    // Refused in the gateway: the service never saw it.
    expect(intake.attemptsFor('down-refused')).toBe(before);
    expect(await votingClient.call('getTally', { featureRequestId: 'r2' }, authorization)).toMatchObject({ counted: '7' });

    intake.setHealthy(true);
    await new Promise((wake) => setTimeout(wake, RESET_MS + 200));
    const id = `back-${randomUUID()}`;
    expect(await grpc.call('getFeatureRequest', { featureRequestId: id }, { authorization })).toMatchObject({ id });
    expect(await circuitState()).toBe('0');
  });
});
