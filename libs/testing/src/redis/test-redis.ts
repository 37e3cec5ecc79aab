import Redis from 'ioredis';
import { uniqueName } from '../unique-name';

export const defaultTestRedisUrl = 'redis://127.0.0.1:6379';

const startRedisCommand =
  'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log';

export interface TestRedisOptions {
  /** Server to use instead of FRM_TEST_REDIS_URL (default redis://127.0.0.1:6379). */
  url?: string;
}

export interface TestRedis {
  /** Prefixes every key it writes or reads with `prefix` (ioredis `keyPrefix`). */
  readonly redis: Redis;
  /** Ends with ':'; KEYS and SCAN patterns are not prefixed by ioredis, so include it there. */
  readonly prefix: string;
  /** Deletes every key under `prefix` and closes the client. */
  cleanup(): Promise<void>;
}

/** A Redis client whose keys live under a prefix no other test uses. */
export async function testRedis(options: TestRedisOptions = {}): Promise<TestRedis> {
  const url = options.url ?? process.env['FRM_TEST_REDIS_URL'] ?? defaultTestRedisUrl;
  const prefix = `${uniqueName('test')}:`;
  const redis = new Redis(url, { keyPrefix: prefix, lazyConnect: true, maxRetriesPerRequest: 3 });
  let lastError: (Error & { code?: string }) | undefined;
  // Without a listener ioredis prints every reconnection error; commands still reject on their own.
  redis.on('error', (error: Error) => (lastError = error));
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    const reason = lastError?.code ?? lastError?.message ?? (error instanceof Error ? error.message : String(error));
    throw new Error(
      `Redis did not answer at ${describeTarget(url)} (${reason}); is the server running and FRM_TEST_REDIS_URL right? ` +
        `On this machine start it with: ${startRedisCommand}`,
      { cause: error },
    );
  }

  return {
    redis,
    prefix,
    async cleanup() {
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
          cursor = next;
          // DEL adds the prefix itself, SCAN returns it: strip it to name the keys once.
          if (keys.length > 0) await redis.del(...keys.map((key) => key.slice(prefix.length)));
        } while (cursor !== '0');
      } finally {
        await redis.quit().catch(() => redis.disconnect());
      }
    },
  };
}

function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}`;
  } catch {
    return 'the configured Redis URL';
  }
}
