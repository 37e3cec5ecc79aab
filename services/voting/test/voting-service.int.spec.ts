import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { createMetricsRegistry } from '@frm/metrics';
import { waitUntil } from '@frm/testing';
import { startVotingTestBed, voter, type VotingTestBed } from './support/voting-test-bed';
import type { Voter } from './support/voting-client';

describe('VotingService on Postgres', () => {
  let bed: VotingTestBed;
  const metricsRegistry = createMetricsRegistry({ processMetrics: false });
  const counted = async (name: string, labels: Record<string, string> = {}) =>
    (await metricsRegistry.getSingleMetric(name)?.get())?.values.find((sample) => Object.entries(labels).every(([key, value]) => sample.labels[key] === value))?.value ?? 0;

  beforeAll(async () => {
    bed = await startVotingTestBed({ velocityLimits: { perVoterPerMinute: 5 }, metricsRegistry });
  });
  afterAll(async () => {
    await bed?.close();
  });

  const cast = (featureRequestId: string, as: Voter, requestId = '') => bed.client.call('castVote', { featureRequestId, requestId }, as);
  const tallyOf = (featureRequestId: string) => bed.client.call('getTally', { featureRequestId }, voter());
  async function tallyBecomes(featureRequestId: string, expected: { counted: string; flagged?: string }) {
    await waitUntil(`the tally of ${featureRequestId} is ${JSON.stringify(expected)}`, async () => {
      const tally = await tallyOf(featureRequestId);
      return tally.counted === expected.counted && (expected.flagged === undefined || tally.flagged === expected.flagged);
    });
    return tallyOf(featureRequestId);
  }

  it('counts a vote with its weight, once; a second vote is ALREADY_EXISTS and a retry gives the same vote', async () => {
    const requestId = await bed.submitRequest();
    const alice = voter({ ageDays: 400 });
    const retryId = randomUUID();
    const vote = await cast(requestId, alice, retryId);
    expect(vote).toMatchObject({ featureRequestId: requestId, voterId: alice.claims.subject });
    expect(await cast(requestId, alice, retryId)).toMatchObject({ id: vote.id });
    const second = await bed.client.failure('castVote', { featureRequestId: requestId, requestId: randomUUID() }, alice);
    expect(second.code).toBe(status.ALREADY_EXISTS);
    expect(await tallyBecomes(requestId, { counted: '1' })).toEqual({ featureRequestId: requestId, counted: '1', flagged: '0', weighted: 1, callerVoted: false });
    expect(await bed.eventsOf(`vote-${requestId}-`)).toHaveLength(1);
  });

  it('answers a repeated tally from the cache, each caller still told whether they voted, and a new vote shows at once', async () => {
    const requestId = await bed.submitRequest();
    const [alice, bob] = [voter(), voter()];
    await cast(requestId, alice);
    await tallyBecomes(requestId, { counted: '1' });
    const hitsBefore = await counted('frm_cache_requests_total', { cache: 'tallies', outcome: 'hit' });
    expect(await bed.client.call('getTally', { featureRequestId: requestId }, alice)).toMatchObject({ counted: '1', callerVoted: true });
    expect(await bed.client.call('getTally', { featureRequestId: requestId }, bob)).toMatchObject({ counted: '1', callerVoted: false });
    expect(await counted('frm_cache_requests_total', { cache: 'tallies', outcome: 'hit' })).toBeGreaterThanOrEqual(hitsBefore + 2);
    // Bob's vote is applied by the votes projection, which invalidates this request's tally.
    await cast(requestId, bob);
    await tallyBecomes(requestId, { counted: '2' });
    expect(await bed.client.call('getTally', { featureRequestId: requestId }, bob)).toMatchObject({ counted: '2', callerVoted: true });
  });

  it('lets exactly one of racing votes by one voter count', async () => {
    const requestId = await bed.submitRequest();
    const bob = voter();
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => cast(requestId, bob, randomUUID())));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')) {
      expect(outcome.reason.code).toBe(status.ALREADY_EXISTS);
    }
    await tallyBecomes(requestId, { counted: '1' });
    expect(await bed.eventsOf(`vote-${requestId}-`)).toHaveLength(1);
  });

  it('weighs a brand-new account\'s vote less', async () => {
    const requestId = await bed.submitRequest();
    await cast(requestId, voter({ ageDays: 0.1 }));
    const tally = await tallyBecomes(requestId, { counted: '1' });
    expect(tally.weighted).toBeGreaterThan(0);
    expect(tally.weighted).toBeLessThan(1);
  });

  it('tells callers whether they voted, from their own vote stream, at once', async () => {
    const requestId = await bed.submitRequest();
    const dave = voter();
    const mine = () => bed.client.call('getTally', { featureRequestId: requestId }, dave);
    expect((await mine()).callerVoted).toBe(false);
    await cast(requestId, dave);
    expect((await mine()).callerVoted).toBe(true);
    expect((await tallyOf(requestId)).callerVoted).toBe(false);
    await bed.client.call('retractVote', { featureRequestId: requestId }, dave);
    expect((await mine()).callerVoted).toBe(false);
  });

  it('takes a retracted vote out of the tally; retracting again is NOT_FOUND', async () => {
    const requestId = await bed.submitRequest();
    const carol = voter();
    await cast(requestId, carol);
    await tallyBecomes(requestId, { counted: '1' });
    await bed.client.call('retractVote', { featureRequestId: requestId }, carol);
    await tallyBecomes(requestId, { counted: '0' });
    expect((await bed.client.failure('retractVote', { featureRequestId: requestId }, carol)).code).toBe(status.NOT_FOUND);
    await cast(requestId, carol);
    await tallyBecomes(requestId, { counted: '1' });
  });

  it('refuses bad input with a status naming the field, and appends nothing', async () => {
    const someone = voter();
    const before = (await bed.eventsOf('vote-')).length;
    for (const featureRequestId of ['', 'not-a-uuid']) {
      const failure = await bed.client.failure('castVote', { featureRequestId }, someone);
      expect(failure.code).toBe(status.INVALID_ARGUMENT);
      expect(failure.details).toContain('feature_request_id');
    }
    expect((await bed.client.failure('castVote', { featureRequestId: randomUUID(), requestId: 'nope' }, someone)).details).toContain('request_id');
    expect((await bed.client.failure('castVote', { featureRequestId: randomUUID() }, someone)).code).toBe(status.NOT_FOUND);
    expect((await bed.client.failure('getTally', { featureRequestId: randomUUID() }, someone)).code).toBe(status.NOT_FOUND);
    expect((await bed.eventsOf('vote-')).length).toBe(before);
  });

  it('refuses votes on shipped, declined and merged requests: FAILED_PRECONDITION', async () => {
    for (const to of ['shipped', 'declined']) {
      const requestId = await bed.submitRequest();
      await bed.changeStatus(requestId, to);
      await waitUntil(`voting sees ${to}`, async () => (await bed.client.failure('castVote', { featureRequestId: requestId }, voter()).catch(() => undefined))?.code === status.FAILED_PRECONDITION);
    }
  });

  it('checks roles again behind the gateway', async () => {
    const requestId = await bed.submitRequest();
    const manager = voter({ roles: ['product'] });
    expect((await bed.client.failure('castVote', { featureRequestId: requestId }, manager)).code).toBe(status.PERMISSION_DENIED);
    expect((await bed.client.failure('listFlaggedVotes', {}, voter())).code).toBe(status.PERMISSION_DENIED);
    expect((await bed.client.failure('reviewVote', { voteId: randomUUID(), decision: 1 as never, reason: 'x' }, voter())).code).toBe(status.PERMISSION_DENIED);
  });

  it('refuses a voter over the velocity limit with RESOURCE_EXHAUSTED and a retry-after', async () => {
    const fast = voter();
    const requests = await Promise.all(Array.from({ length: 6 }, () => bed.submitRequest()));
    for (const requestId of requests.slice(0, 5)) await cast(requestId, fast);
    const refused = await bed.client.failure('castVote', { featureRequestId: requests[5] }, fast);
    expect(refused.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(Number(refused.metadata.get('retry-after')[0])).toBeGreaterThan(0);
  });

  it('flags sockpuppets within seconds, holds their votes back, and lets staff clear or confirm them', async () => {
    const requestId = await bed.submitRequest();
    const farm = Array.from({ length: 4 }, () => voter({ device: 'one-phone-many-accounts', ageDays: 3 }));
    const honest = voter();
    const before = { votes: await counted('frm_votes_cast_total'), sharedDevice: await counted('frm_fraud_flags_total', { signal: 'shared_device' }) };
    await cast(requestId, honest);
    const started = Date.now();
    for (const puppet of farm) await cast(requestId, puppet);
    const held = await tallyBecomes(requestId, { counted: '1', flagged: '4' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(held.weighted).toBe(1);
    // What the fraud-spike alerts watch: these five votes seen (with any of earlier tests the
    // detector was still reading), four flagged for the shared device.
    expect(await counted('frm_votes_cast_total')).toBeGreaterThanOrEqual(before.votes + 5);
    expect(await counted('frm_fraud_flags_total', { signal: 'shared_device' })).toBe(before.sharedDevice + 4);
    const calls = await metricsRegistry.getSingleMetricAsString('frm_rpc_calls_total');
    expect(calls).toMatch(/frm_rpc_calls_total\{rpc="frm.v1.VotingService\/CastVote",code="OK"\} \d+/);

    const staff = voter({ roles: ['product'] });
    const listed = await bed.client.call('listFlaggedVotes', { featureRequestId: requestId }, staff);
    expect(listed.flaggedVotes).toHaveLength(4);
    expect(listed.flaggedVotes.map((flagged) => flagged.vote?.voterId).sort()).toEqual(farm.map((puppet) => puppet.claims.subject).sort());
    expect(listed.flaggedVotes[0]?.signals.map((signal) => signal.kind)).toContain('FRAUD_SIGNAL_KIND_SHARED_DEVICE');
    expect(JSON.stringify(listed)).not.toContain('one-phone-many-accounts');

    const [first, second] = listed.flaggedVotes;
    const cleared = await bed.client.call('reviewVote', { voteId: first?.vote?.id, decision: 'VOTE_REVIEW_DECISION_CLEAR' as never, reason: 'a family sharing a tablet' }, staff);
    expect(cleared.review).toMatchObject({ reviewerId: staff.claims.subject, decision: 'VOTE_REVIEW_DECISION_CLEAR', reason: 'a family sharing a tablet' });
    await bed.client.call('reviewVote', { voteId: second?.vote?.id, decision: 'VOTE_REVIEW_DECISION_CONFIRM_FRAUD' as never, reason: 'farm' }, staff);
    await tallyBecomes(requestId, { counted: '2', flagged: '2' });
    const again = await bed.client.failure('reviewVote', { voteId: second?.vote?.id, decision: 'VOTE_REVIEW_DECISION_CLEAR' as never, reason: 'changed my mind' }, staff);
    expect(again.code).toBe(status.FAILED_PRECONDITION);
    expect((await bed.client.failure('reviewVote', { voteId: first?.vote?.id, decision: 'VOTE_REVIEW_DECISION_CLEAR' as never, reason: ' ' }, staff)).details).toContain('reason');
    const remaining = await bed.client.call('listFlaggedVotes', { featureRequestId: requestId }, staff);
    expect(remaining.flaggedVotes).toHaveLength(2);
  });

  it('remembers recent votes across a restart, so a pattern that spans it is still caught', async () => {
    const requestId = await bed.submitRequest();
    const farm = Array.from({ length: 4 }, () => voter({ device: 'a-phone-across-a-restart', ageDays: 3 }));
    for (const puppet of farm.slice(0, 2)) await cast(requestId, puppet);
    await tallyBecomes(requestId, { counted: '2', flagged: '0' });
    await bed.restart();
    for (const puppet of farm.slice(2)) await cast(requestId, puppet);
    await tallyBecomes(requestId, { counted: '0', flagged: '4' });
  });

  it('moves voters to the target of a merge without counting anyone twice', async () => {
    const source = await bed.submitRequest();
    const target = await bed.submitRequest();
    const onlySource = voter();
    const both = voter();
    const onlyTarget = voter();
    await cast(source, onlySource);
    await cast(source, both);
    await cast(target, both);
    await cast(target, onlyTarget);
    await tallyBecomes(target, { counted: '2' });
    await bed.merge(source, target);
    await tallyBecomes(source, { counted: '0' });
    await tallyBecomes(target, { counted: '3' });
    // Voting learns of the merge from the event store, a moment after intake recorded it; a vote it
    // still takes on the source meanwhile goes on to the target like the others.
    let takenMeanwhile = 0;
    await waitUntil('the merged request refuses votes', async () => {
      const refused = await bed.client.call('castVote', { featureRequestId: source }, voter()).then(
        () => false,
        (error: { code?: number }) => error.code === status.FAILED_PRECONDITION,
      );
      if (!refused) takenMeanwhile += 1;
      return refused;
    });
    await tallyBecomes(source, { counted: '0' });
    await tallyBecomes(target, { counted: String(3 + takenMeanwhile) });
    // The voter who supported both can retract on the target once, and then supports nothing.
    await bed.client.call('retractVote', { featureRequestId: target }, both);
    await tallyBecomes(target, { counted: String(2 + takenMeanwhile) });
  });
});
