import { createLogger } from '@frm/logging';
import { createMetricsRegistry } from '@frm/metrics';
import { quoteIdent } from '@frm/postgres';
import { invalidateProjectionCaches, ReadCache, type RedisCacheStore } from '@frm/read-cache';
import { testRedisCacheStore, type TestRedisCacheStore } from '@frm/read-cache/testing';
import { waitUntil } from '@frm/testing';
import { tallyCodec } from '../src/votes/queries/get-tally.handler';
import { votesProjection } from '../src/votes/read-model/votes.projection';
import { startVotingTestBed, voter, type VotingTestBed } from './support/voting-test-bed';

/** Tallies cached in Redis: moved by the votes projection's own batches, warmed after a start and after a swap. */
describe('tallies cached in Redis', () => {
  let bed: VotingTestBed;
  let redisStore: TestRedisCacheStore;
  let store: RedisCacheStore;
  let peek: ReadCache;
  const metricsRegistry = createMetricsRegistry({ processMetrics: false });
  const counted = async (name: string, labels: Record<string, string>) =>
    (await metricsRegistry.getSingleMetric(name)?.get())?.values.find((sample) => Object.entries(labels).every(([key, value]) => sample.labels[key] === value))?.value ?? 0;
  const reads = async () => ({
    hit: await counted('frm_cache_requests_total', { cache: 'tallies', outcome: 'hit' }),
    miss: await counted('frm_cache_requests_total', { cache: 'tallies', outcome: 'miss' }),
  });
  const fills = (reason: string) => counted('frm_cache_fills_total', { cache: 'tallies', reason });

  beforeAll(async () => {
    redisStore = testRedisCacheStore();
    store = redisStore.store;
    bed = await startVotingTestBed({ cacheStore: store, metricsRegistry });
    peek = new ReadCache({ name: 'tallies', projection: votesProjection.name, store, logger: createLogger({ service: 'voting-test', level: 'silent' }) });
  });
  afterAll(async () => {
    await bed?.close();
    await redisStore?.close();
  });

  const tallyOf = (featureRequestId: string) => bed.client.call('getTally', { featureRequestId }, voter());
  /** What the service's cache holds for a tally, read beside it without counting, remembering or filling anything. */
  const cachedTally = (featureRequestId: string) =>
    peek.read({ key: featureRequestId, scope: featureRequestId, codec: tallyCodec, load: () => Promise.reject(new Error('not in the cache')) }).catch(() => undefined);
  const projected = (featureRequestId: string) =>
    bed.postgres.db.query<{ counted: string }>(`select counted::text from ${quoteIdent(`${bed.postgres.schema}_votes`)}.tallies where feature_request_id = $1`, [featureRequestId]);

  it('reads a tally a vote moved back into the cache before its next reader asks, and never serves the old one after', async () => {
    const requestId = await bed.submitRequest();
    await waitUntil('the request is known to voting', () => tallyOf(requestId).then((tally) => tally.counted === '0', () => false));
    const refreshesBefore = await fills('refresh');
    await bed.client.call('castVote', { featureRequestId: requestId, requestId: '' }, voter());
    await waitUntil('the vote is projected', async () => (await projected(requestId))[0]?.counted === '1');
    // The projection made the old tally stale before its batch counted as applied, then read the new
    // one. Waiting for the new tally itself, not for a count of refreshes: the request's own batch
    // may have been refreshed a moment late (the first reads raced it) and counted after refreshesBefore.
    await waitUntil('the new tally is in the cache', async () => (await cachedTally(requestId))?.counted === '1');
    expect(await fills('refresh')).toBeGreaterThan(refreshesBefore);
    const before = await reads();
    expect(await tallyOf(requestId)).toMatchObject({ counted: '1' });
    expect(await reads()).toEqual({ hit: before.hit + 1, miss: before.miss });
  });

  it('warms the most read tallies once a rebuilt votes projection is swapped in, as after a start', async () => {
    const [popular, other] = [await bed.submitRequest(), await bed.submitRequest()];
    // About one read in ten is remembered for warming.
    for (let i = 0; i < 30; i++) await tallyOf(popular);
    const warmedBefore = await fills('warm');
    await invalidateProjectionCaches(store, votesProjection.name);
    // The next read, of any tally, notices the swap.
    await tallyOf(other);
    await waitUntil('the most read tally is warmed', async () => (await fills('warm')) > warmedBefore);
    const before = await reads();
    expect(await tallyOf(popular)).toMatchObject({ counted: '0' });
    expect(await reads()).toEqual({ hit: before.hit + 1, miss: before.miss });

    // A start makes the tallies stale (a process may have stopped between a commit and its
    // invalidation), then warms the most read ones.
    const afterSwap = await fills('warm');
    await bed.restart();
    await waitUntil('the most read tally is warmed after a start', async () => (await fills('warm')) > afterSwap);
    const started = await reads();
    expect(await tallyOf(popular)).toMatchObject({ counted: '0' });
    expect(await reads()).toEqual({ hit: started.hit + 1, miss: started.miss });
  });
});
