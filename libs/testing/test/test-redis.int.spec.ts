import { testRedis, type TestRedis } from '../src';

describe('testRedis', () => {
  let first: TestRedis;
  let second: TestRedis;
  beforeEach(async () => {
    [first, second] = await Promise.all([testRedis(), testRedis()]);
  });
  afterEach(async () => {
    await first.cleanup();
    await second.cleanup();
  });

  it('keeps the same key apart for two tests', async () => {
    await first.redis.set('tally', '1');
    await second.redis.set('tally', '2');
    expect(await first.redis.get('tally')).toBe('1');
    expect(await second.redis.get('tally')).toBe('2');
  });

  it("cleanup deletes only its own prefix's keys", async () => {
    await first.redis.set('a', '1');
    await first.redis.hset('b', 'field', '1');
    await second.redis.set('a', '2');

    const cleanedPrefix = first.prefix;
    await first.cleanup();
    first = await testRedis();

    const { redis } = second;
    expect(await redis.keys(`${cleanedPrefix}*`)).toEqual([]);
    expect(await redis.keys(`${second.prefix}*`)).toEqual([`${second.prefix}a`]);
    expect(await redis.get('a')).toBe('2');
  });

  it('says how to start Redis when it does not answer', async () => {
    const error = await testRedis({ url: 'redis://127.0.0.1:1' }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('Redis did not answer at 127.0.0.1:1 (ECONNREFUSED)');
    expect((error as Error).message).toContain('redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379');
    expect((error as Error).message).not.toContain('\n');
  });
});
