import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createLogger } from '@frm/logging';
import { createMetricsRegistry, type Registry } from '@frm/metrics';
import { invalidateProjectionCaches, MemoryCacheStore, ReadCache, RedisCacheStore, type CacheCodec, type CacheStore } from '../src';

const text: CacheCodec<string> = { encode: (value) => Buffer.from(value), decode: (bytes) => bytes.toString() };
const logger = createLogger({ service: 'read-cache-test', level: 'silent' });
const redisUrl = process.env['FRM_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describe.each([
  ['Redis', () => new RedisCacheStore(new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 1 }))],
  ['memory', () => new MemoryCacheStore()],
] as const)('a read cache in %s', (_, makeStore) => {
  let store: CacheStore;
  let registry: Registry;
  let cache: ReadCache;
  let loads: number;
  let database: string;
  let projection: string;

  beforeEach(() => {
    store = makeStore();
    registry = createMetricsRegistry({ processMetrics: false });
    projection = `test_${randomUUID().replace(/-/g, '')}`;
    cache = new ReadCache({ name: `test-${randomUUID()}`, projection, store, logger, metrics: registry, popularitySample: 1 });
    loads = 0;
    database = 'v1';
  });
  afterEach(() => {
    if (store instanceof RedisCacheStore) (store as unknown as { redis: Redis }).redis.disconnect();
  });

  const read = (key = 'page-1', scope?: string) =>
    cache.read({ key, ...(scope ? { scope } : {}), codec: text, request: Buffer.from(key), load: async () => `${key}@${database}#${++loads}` });
  const outcomes = async () => Object.fromEntries(((await registry.getSingleMetric('frm_cache_requests_total')?.get())?.values ?? []).map((v) => [v.labels['outcome'], v.value]));

  it('answers a repeated read from the cache until the read model changes, and counts hits and misses', async () => {
    expect(await read()).toBe('page-1@v1#1');
    expect(await read()).toBe('page-1@v1#1');
    database = 'v2';
    await cache.invalidate();
    expect(await read()).toBe('page-1@v2#2');
    expect(await read()).toBe('page-1@v2#2');
    expect(await outcomes()).toEqual({ hit: 2, miss: 2, error: 0 });
  });

  it('invalidates one scope without touching the others', async () => {
    expect(await read('tally', 'request-a')).toBe('tally@v1#1');
    expect(await read('tally', 'request-b')).toBe('tally@v1#2');
    await cache.invalidate(['request-a']);
    expect(await read('tally', 'request-a')).toBe('tally@v1#3');
    expect(await read('tally', 'request-b')).toBe('tally@v1#2');
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

  it('makes every answer of a projection stale when a rebuilt copy of it is swapped in', async () => {
    expect(await read('page-1')).toBe('page-1@v1#1');
    expect(await read('tally', 'request-a')).toBe('tally@v1#2');
    database = 'v2';
    await invalidateProjectionCaches(store, projection);
    expect(await read('page-1')).toBe('page-1@v2#3');
    expect(await read('tally', 'request-a')).toBe('tally@v2#4');
  });

  it('invalidates a stream of changes once, within the time asked', async () => {
    expect(await read()).toBe('page-1@v1#1');
    database = 'v2';
    cache.invalidateSoon(100);
    cache.invalidateSoon(100);
    expect(await read()).toBe('page-1@v1#1');
    await new Promise((wake) => setTimeout(wake, 250));
    expect(await read()).toBe('page-1@v2#2');
    expect(await read()).toBe('page-1@v2#2');
  });

  it('shares one load among concurrent misses of one entry', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => read('busy')));
    expect(new Set(answers)).toEqual(new Set(['busy@v1#1']));
    expect(loads).toBe(1);
  });

  it('warms the most requested reads', async () => {
    for (let i = 0; i < 3; i++) await read('popular');
    await read('rare');
    await cache.invalidate();
    const replayed: string[] = [];
    expect(await cache.warm(1, async (request) => replayed.push(request.toString()))).toBe(1);
    expect(replayed).toEqual(['popular']);
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
