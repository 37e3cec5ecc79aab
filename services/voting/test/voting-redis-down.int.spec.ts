import { Redis } from 'ioredis';
import { waitUntil } from '@frm/testing';
import { startVotingTestBed, voter, type VotingTestBed } from './support/voting-test-bed';

describe('VotingService when Redis does not answer', () => {
  let bed: VotingTestBed;
  let redis: Redis;

  beforeAll(async () => {
    // Nothing listens on port 1: every Redis command fails at once.
    redis = new Redis({ host: '127.0.0.1', port: 1, enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => 1_000 });
    redis.on('error', () => undefined);
    await redis.connect().catch(() => undefined);
    bed = await startVotingTestBed({ redis, velocityLimits: { perVoterPerMinute: 2 } });
  });
  afterAll(async () => {
    await bed?.close();
    redis.disconnect();
  });

  it('still takes votes, counting the limits in memory and saying so, and never counts one twice', async () => {
    const requests = await Promise.all([bed.submitRequest(), bed.submitRequest(), bed.submitRequest()]);
    const someone = voter();
    await bed.client.call('castVote', { featureRequestId: requests[0] }, someone);
    await bed.client.call('castVote', { featureRequestId: requests[1] }, someone);
    expect(bed.service.velocity.degradedChecks).toBeGreaterThan(0);
    // The in-memory stand-in still holds the limit for this process.
    expect((await bed.client.failure('castVote', { featureRequestId: requests[2] }, someone)).details).toMatch(/faster than a person/);
    await waitUntil('the tally shows the vote', async () => (await bed.client.call('getTally', { featureRequestId: requests[0] }, voter())).counted === '1');
    expect(await bed.eventsOf(`vote-${requests[0]}-`)).toHaveLength(1);
  });
});
