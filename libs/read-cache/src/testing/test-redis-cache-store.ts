import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisCacheStore, type RedisCacheStoreOptions } from '../redis-cache-store';

export interface TestRedisCacheStore {
  readonly store: RedisCacheStore;
  /** Removes every key the store wrote and disconnects. */
  close(): Promise<void>;
}

/**
 * A cache store on the test Redis (FRM_TEST_REDIS_URL, default 127.0.0.1:6379) under keys of its
 * own, so that a test's entries and invalidations stay apart from any other on the same server.
 */
export function testRedisCacheStore(options: Omit<RedisCacheStoreOptions, 'keyPrefix'> = {}): TestRedisCacheStore {
  const redis = new Redis(process.env['FRM_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  const keyPrefix = `frm:cache-test:${randomUUID()}`;
  return {
    store: new RedisCacheStore(redis, { ...options, keyPrefix }),
    async close() {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}:*`, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
      redis.disconnect();
    },
  };
}
