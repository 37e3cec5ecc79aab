import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { createLogger } from '@frm/logging';
import { createMetricsRegistry, type Registry } from '@frm/metrics';
import { invalidateProjectionCaches, MAX_PREFETCHES_IN_FLIGHT, MemoryCacheStore, ReadCache, RedisCacheStore, type CacheCodec, type CacheStore } from '../src';
import { testRedisCacheStore } from '../src/testing';

const text: CacheCodec<string> = { encode: (value) => Buffer.from(value), decode: (bytes) => bytes.toString() };
const logger = createLogger({ service: 'read-cache-test', level: 'silent' });
const POINTS_KEPT = 5;

async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (const deadline = Date.now() + 5_000; !(await check()); await sleep(10)) {
    if (Date.now() > deadline) throw new Error('timed out');
  }
}

interface StoreUnderTest {
  readonly store: CacheStore;
  close(): Promise<void>;
}

function redisStore(): StoreUnderTest {
  return testRedisCacheStore({ pointsKeptPerAxis: POINTS_KEPT });
}

describe.each([
  ['Redis', redisStore],
  ['memory', (): StoreUnderTest => ({ store: new MemoryCacheStore(10_000, POINTS_KEPT), close: async () => undefined })],
] as const)('a read cache in %s', (_, makeStore) => {
  let underTest: StoreUnderTest;
  let store: CacheStore;
  let registry: Registry;
  let cache: ReadCache;
  let loads: number;
  let database: string;
  let projection: string;

  const newCache = (options: { refreshCount?: number; warmCount?: number } = {}) =>
    new ReadCache({ name: `test-${randomUUID()}`, projection, store, logger, metrics: registry, popularitySample: 1, ...options });

  beforeEach(() => {
    underTest = makeStore();
    store = underTest.store;
    registry = createMetricsRegistry({ processMetrics: false });
    projection = `test_${randomUUID().replace(/-/g, '')}`;
    cache = newCache();
    loads = 0;
    database = 'v1';
  });
  afterEach(() => underTest.close());

  const read = (key = 'page-1', scope?: string) =>
    cache.read({ key, ...(scope ? { scope } : {}), codec: text, request: Buffer.from(`${key}|${scope ?? ''}`), load: async () => `${key}@${database}#${++loads}` });
  /** How a service answers a remembered request: the same read again. */
  const replay = (request: Buffer) => {
    const [key, scope] = request.toString().split('|');
    return read(key, scope || undefined);
  };
  /** A page of a sort whose answer shows `rows` and covers `from`…`to` on the sort's axis. */
  const page = (key: string, rows: readonly string[], from: readonly number[], to: readonly number[]) =>
    cache.read({
      key,
      codec: text,
      load: async () => `${key}@${database}#${++loads}`,
      dependsOn: () => ({ scopes: rows.map((row) => `row:${row}`), ranges: [{ axis: 'top', from, to }] }),
    });
  const counted = async (metric: string, label: string) =>
    Object.fromEntries(((await registry.getSingleMetric(metric)?.get())?.values ?? []).map((v) => [v.labels[label], v.value]));
  const outcomes = () => counted('frm_cache_requests_total', 'outcome');

  it('answers a repeated read from the cache until the read model changes, and counts hits and misses', async () => {
    expect(await read()).toBe('page-1@v1#1');
    expect(await read()).toBe('page-1@v1#1');
    database = 'v2';
    await cache.invalidate();
    expect(await read()).toBe('page-1@v2#2');
    expect(await read()).toBe('page-1@v2#2');
    expect(await outcomes()).toEqual({ hit: 2, miss: 2, coalesced: 0, error: 0 });
    expect(await counted('frm_cache_fills_total', 'reason')).toEqual({ miss: 2, warm: 0, refresh: 0, prefetch: 0 });
  });

  it('invalidates one scope without touching the others', async () => {
    expect(await read('tally', 'request-a')).toBe('tally@v1#1');
    expect(await read('tally', 'request-b')).toBe('tally@v1#2');
    await cache.invalidate({ scopes: ['request-a'] });
    expect(await read('tally', 'request-a')).toBe('tally@v1#3');
    expect(await read('tally', 'request-b')).toBe('tally@v1#2');
  });

  it('makes an answer stale when a row it shows changes, or a row enters the range it covers, and only then', async () => {
    expect(await page('page-2', ['a', 'b'], [3], [7])).toBe('page-2@v1#1');
    await cache.invalidate({ scopes: ['row:c'], points: [{ axis: 'top', at: [8] }, { axis: 'top', at: [2] }, { axis: 'new', at: [5] }] });
    expect(await page('page-2', ['a', 'b'], [3], [7])).toBe('page-2@v1#1');
    await cache.invalidate({ scopes: ['row:b'] });
    expect(await page('page-2', ['a', 'b'], [3], [7])).toBe('page-2@v1#2');
    await cache.invalidate({ points: [{ axis: 'top', at: [7] }] });
    expect(await page('page-2', ['a', 'b'], [3], [7])).toBe('page-2@v1#3');
    // Keys of several numbers compare number by number: a tie on the first is decided by the next.
    expect(await page('page-3', [], [1, 500], [1, 900])).toBe('page-3@v1#4');
    await cache.invalidate({ points: [{ axis: 'top', at: [1, 950] }, { axis: 'top', at: [2, 600] }] });
    expect(await page('page-3', [], [1, 500], [1, 900])).toBe('page-3@v1#4');
    await cache.invalidate({ points: [{ axis: 'top', at: [1, 700] }] });
    expect(await page('page-3', [], [1, 500], [1, 900])).toBe('page-3@v1#5');
    // The first page is open above: a row entering anywhere above its last row makes it stale.
    expect(await page('page-1', ['d'], [7], [Infinity])).toBe('page-1@v1#6');
    await cache.invalidate({ points: [{ axis: 'top', at: [1e45, 3] }] });
    expect(await page('page-1', ['d'], [7], [Infinity])).toBe('page-1@v1#7');
  });

  it('never serves an answer read while a row entered its range, once that is invalidated', async () => {
    const racing = await cache.read({
      key: 'page-1',
      codec: text,
      load: async () => {
        const answer = `page-1@${database}#${++loads}`;
        database = 'v2';
        await cache.invalidate({ points: [{ axis: 'top', at: [4] }] });
        return answer;
      },
      dependsOn: () => ({ ranges: [{ axis: 'top', from: [3], to: [Infinity] }] }),
    });
    expect(racing).toBe('page-1@v1#1');
    expect(await page('page-1', [], [3], [Infinity])).toBe('page-1@v2#2');
  });

  it('never serves an answer computed while the read model changed under it', async () => {
    // The load reads the old data, then the projection commits and invalidates before the answer is stored.
    const stale = await cache.read({
      key: 'page-1',
      codec: text,
      load: async () => {
        const answer = `page-1@${database}#${++loads}`;
        database = 'v2';
        await cache.invalidate();
        return answer;
      },
    });
    expect(stale).toBe('page-1@v1#1');
    expect(await read()).toBe('page-1@v2#2');
  });

  it('treats an answer read before the oldest point it no longer remembers as stale', async () => {
    expect(await page('page-9', [], [100], [200])).toBe('page-9@v1#1');
    for (let i = 0; i < POINTS_KEPT; i++) await cache.invalidate({ points: [{ axis: 'top', at: [i] }] });
    expect(await page('page-9', [], [100], [200])).toBe('page-9@v1#1');
    await cache.invalidate({ points: [{ axis: 'top', at: [0.5] }] });
    expect(await page('page-9', [], [100], [200])).toBe('page-9@v1#2');
  });

  it('makes every answer of a projection stale when a rebuilt copy of it is swapped in', async () => {
    expect(await read('page-1')).toBe('page-1@v1#1');
    expect(await read('tally', 'request-a')).toBe('tally@v1#2');
    database = 'v2';
    await invalidateProjectionCaches(store, projection);
    expect(await read('page-1')).toBe('page-1@v2#3');
    expect(await read('tally', 'request-a')).toBe('tally@v2#4');
  });

  it('shares one load among concurrent misses of one entry, and counts the others as coalesced', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => read('busy')));
    expect(new Set(answers)).toEqual(new Set(['busy@v1#1']));
    expect(loads).toBe(1);
    expect(await outcomes()).toMatchObject({ miss: 1, coalesced: 4 });
  });

  it('does not let a read that began after a change share a load that began before it', async () => {
    let release: () => void = () => undefined;
    let started: () => void = () => undefined;
    const loading = new Promise<void>((resolve) => (started = resolve));
    const first = cache.read({
      key: 'slow',
      codec: text,
      load: () => {
        const readAt = database;
        started();
        return new Promise<string>((resolve) => (release = () => resolve(`slow@${readAt}`)));
      },
    });
    await loading;
    database = 'v2';
    await cache.invalidate();
    const second = cache.read({ key: 'slow', codec: text, load: async () => `slow@${database}` });
    expect(await second).toBe('slow@v2');
    release();
    expect(await first).toBe('slow@v1');
  });

  it('warms the most requested reads, counted as fills and not as reads', async () => {
    for (let i = 0; i < 3; i++) await read('popular');
    await read('rare');
    await cache.invalidate();
    const replayed: string[] = [];
    cache.replayWith(async (request) => replayed.push(await replay(request)));
    expect(await cache.warm(1)).toBe(1);
    expect(replayed).toEqual(['popular@v1#3']);
    expect(await outcomes()).toEqual({ hit: 2, miss: 2, coalesced: 0, error: 0 });
    expect(await counted('frm_cache_fills_total', 'reason')).toMatchObject({ miss: 2, warm: 1 });
    expect(await read('popular')).toBe('popular@v1#3');
  });

  it('puts in place, in the same step, the answers most asked for lately that a change makes stale, read after the change', async () => {
    cache = newCache({ refreshCount: 2 });
    cache.replayWith(replay);
    for (let i = 0; i < 3; i++) await read('hot', 'sort-a');
    await read('warm', 'sort-b');
    await read('cold', 'sort-a');
    database = 'v2';
    await cache.invalidate({ scopes: ['sort-a'] });
    // Read again: the hot answer the change reached; not the one it did not reach, nor one read less.
    expect(loads).toBe(4);
    const before = await outcomes();
    expect(await read('hot', 'sort-a')).toBe('hot@v2#4');
    expect(await read('warm', 'sort-b')).toBe('warm@v1#2');
    expect(await outcomes()).toEqual({ ...before, hit: before['hit'] + 2 });
    expect(await read('cold', 'sort-a')).toBe('cold@v2#5');
    expect(await counted('frm_cache_fills_total', 'reason')).toMatchObject({ refresh: 1 });
  });

  it('leaves out an answer read ahead of an invalidation when another change reached it meanwhile', async () => {
    cache = newCache({ refreshCount: 1 });
    const other = new ReadCache({ name: (cache as unknown as { options: { name: string } }).options.name, projection, store, logger });
    let changeWhileReading = false;
    const page = () =>
      cache.read({
        key: 'page',
        scope: 'sort-a',
        codec: text,
        request: Buffer.from('page'),
        load: async () => {
          const answer = `page@${database}#${++loads}`;
          if (changeWhileReading) {
            changeWhileReading = false;
            database = 'v3';
            await other.invalidate({ scopes: ['sort-a'] });
          }
          return answer;
        },
      });
    cache.replayWith(() => page());
    expect(await page()).toBe('page@v1#1');
    database = 'v2';
    changeWhileReading = true;
    await cache.invalidate({ scopes: ['sort-a'] });
    expect(await page()).toBe('page@v3#3');
  });

  it('reads ahead at most MAX_PREFETCHES_IN_FLIGHT at once, leaving out the rest, and reads ahead again once they end', async () => {
    const started: string[] = [];
    const releases: (() => void)[] = [];
    const slowRead = (key: string) => () =>
      cache.read({ key, codec: text, load: () => new Promise<string>((resolve) => (started.push(key), releases.push(() => resolve(`${key}@${database}`)))) });
    for (let page = 1; page <= MAX_PREFETCHES_IN_FLIGHT + 3; page++) cache.prefetch(slowRead(`ahead-${page}`));
    await sleep(20);
    expect(started).toEqual(Array.from({ length: MAX_PREFETCHES_IN_FLIGHT }, (_, i) => `ahead-${i + 1}`));
    for (const release of releases.splice(0)) release();
    await eventually(async () => (await counted('frm_cache_fills_total', 'reason'))['prefetch'] === MAX_PREFETCHES_IN_FLIGHT);
    cache.prefetch(slowRead('ahead-later'));
    await eventually(async () => started.includes('ahead-later'));
    for (const release of releases.splice(0)) release();
  });

  it('warms again once another process swaps in a rebuilt copy', async () => {
    cache = newCache({ warmCount: 5 });
    cache.replayWith(replay);
    expect(await read('popular')).toBe('popular@v1#1');
    database = 'v2';
    await invalidateProjectionCaches(store, projection);
    expect(await read('other')).toBe('other@v2#2');
    await eventually(async () => (await counted('frm_cache_fills_total', 'reason'))['warm'] === 1);
    expect(await read('popular')).toBe('popular@v2#3');
    expect(await counted('frm_cache_fills_total', 'reason')).toMatchObject({ warm: 1 });
    expect(await outcomes()).toMatchObject({ hit: 1, miss: 2 });
  });
});

describe('a read cache whose store does not answer', () => {
  it('reads the database instead and counts the error', async () => {
    const redis = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on('error', () => undefined);
    const registry = createMetricsRegistry({ processMetrics: false });
    const cache = new ReadCache({ name: 'down', projection: 'down', store: new RedisCacheStore(redis), logger, metrics: registry });
    expect(await cache.read({ key: 'k', codec: text, load: async () => 'from the database' })).toBe('from the database');
    expect(await registry.getSingleMetricAsString('frm_cache_requests_total')).toContain('frm_cache_requests_total{cache="down",outcome="error"} 1');
    redis.disconnect();
  });
});
