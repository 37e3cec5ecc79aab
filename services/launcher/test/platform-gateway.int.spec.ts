import { randomBytes, randomUUID } from 'node:crypto';
import { Code, ConnectError } from '@connectrpc/connect';
import { credentials, makeGenericClientConstructor, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { frmV1 } from '@frm/contracts';
import { signAccessToken } from '@frm/gateway';
import { waitUntil } from '@frm/testing';
import type { RunningPlatform } from '../src/launch-platform';
import { startEmbeddedPlatform, type EmbeddedPlatform } from './support/embedded-platform';
import { GatewayUser } from './support/gateway-call';

const SECRET = randomBytes(32).toString('base64url');

describe('the platform through its gateway: intake behind gRPC-web and gRPC on one port', () => {
  let embedded: EmbeddedPlatform;
  let platform: RunningPlatform;

  beforeAll(async () => {
    embedded = await startEmbeddedPlatform({ FRM_JWT_SECRET: SECRET });
    platform = embedded.platform;
  });

  afterAll(async () => {
    await embedded?.close();
  });

  it('submits, gets and lists with a gRPC-web client, as the subject of the token whatever the client claims', async () => {
    const couple = new GatewayUser(platform.gateway.address, SECRET, ['couple']);
    const submitted = await couple.call(
      'submitFeatureRequest',
      { title: 'Seating plan for 120 guests', category: 'guest-management', tags: ['seating'] },
      { 'x-frm-subject': randomUUID(), 'x-frm-roles': 'admin' },
    );
    expect(submitted).toMatchObject({ title: 'Seating plan for 120 guests', authorId: couple.subject });

    const got = await couple.call('getFeatureRequest', { featureRequestId: submitted['id'] });
    expect(got).toMatchObject({ id: submitted['id'], authorId: couple.subject });
    const listed = await couple.call('listFeatureRequests', { authorId: couple.subject });
    expect((listed['featureRequests'] as { id: string }[]).map((request) => request.id)).toEqual([submitted['id']]);
  });

  it('lets product move a request along, and refuses a couple with PERMISSION_DENIED', async () => {
    const couple = new GatewayUser(platform.gateway.address, SECRET, ['couple']);
    const submitted = await couple.call('submitFeatureRequest', { title: 'Deposit reminders', category: 'payments' });
    const UNDER_REVIEW = 2;
    const change = { featureRequestId: submitted['id'], status: UNDER_REVIEW };

    const refused = await couple.call('changeStatus', change).catch((error: unknown) => ConnectError.from(error));
    expect(refused).toMatchObject({ code: Code.PermissionDenied });

    const product = new GatewayUser(platform.gateway.address, SECRET, ['product']);
    expect(await product.call('changeStatus', change)).toMatchObject({ id: submitted['id'], status: UNDER_REVIEW });
  });

  it('takes votes through the gateway: counted once, shown in the tally and on the board', async () => {
    const author = new GatewayUser(platform.gateway.address, SECRET, ['supplier']);
    const submitted = await author.call('submitFeatureRequest', { title: 'Vendor availability calendar', category: 'supplier-dashboard' });
    const featureRequestId = submitted['id'];
    const voters = [new GatewayUser(platform.gateway.address, SECRET, ['couple']), new GatewayUser(platform.gateway.address, SECRET, ['supplier'])];
    for (const [i, voter] of voters.entries()) {
      const vote = await voter.callVoting('castVote', { featureRequestId }, { 'x-device-fingerprint': `device-${i}-${voter.subject}` });
      expect(vote).toMatchObject({ featureRequestId, voterId: voter.subject });
    }
    const again = await voters[0]?.callVoting('castVote', { featureRequestId }).catch((error: unknown) => ConnectError.from(error));
    expect(again).toMatchObject({ code: Code.AlreadyExists });
    await waitUntil('the tally counts both votes', async () => (await author.callVoting('getTally', { featureRequestId }))['counted'] === 2n);
    await waitUntil('the board shows both votes', async () => {
      const got = await author.call('getFeatureRequest', { featureRequestId });
      return got['voteCount'] === 2n;
    });
  });

  it('answers plain gRPC clients on the same port', async () => {
    const Client = makeGenericClientConstructor(frmV1.IntakeServiceService, 'IntakeService');
    const client = new Client(platform.gateway.address, credentials.createInsecure()) as unknown as Record<
      string,
      (request: unknown, metadata: Metadata, callback: (error: ServiceError | null, response?: unknown) => void) => void
    > & { close(): void };
    const call = (rpc: string, request: unknown, metadata: Metadata) =>
      new Promise<unknown>((resolve, reject) =>
        client[rpc]?.call(client, request, metadata, (error, response) => (error ? reject(error) : resolve(response))),
      );
    try {
      const sub = randomUUID();
      const withToken = new Metadata();
      withToken.set('authorization', `Bearer ${await signAccessToken({ sub, roles: ['supplier'] }, SECRET)}`);
      const submitted = (await call('submitFeatureRequest', frmV1.SubmitFeatureRequestRequest.fromPartial({ title: 'Venue floor plans', category: 'supplier-profiles' }), withToken)) as frmV1.FeatureRequest;
      expect(submitted.authorId).toBe(sub);
      expect(await call('getFeatureRequest', { featureRequestId: submitted.id }, withToken)).toEqual(submitted);

      await expect(call('getFeatureRequest', { featureRequestId: submitted.id }, new Metadata())).rejects.toMatchObject({ code: status.UNAUTHENTICATED });
      const expired = new Metadata();
      expired.set('authorization', `Bearer ${await signAccessToken({ sub, roles: ['supplier'], expiresInSeconds: -60 }, SECRET)}`);
      await expect(call('getFeatureRequest', { featureRequestId: submitted.id }, expired)).rejects.toMatchObject({ code: status.UNAUTHENTICATED });
    } finally {
      client.close();
    }
  });
});
