import { Redis } from 'ioredis';
import { hideUrlPassword } from '@frm/config';
import type { Logger } from '@frm/logging';

// A call waits for its rate-limit check: a Redis that stalls must fail fast so the in-memory
// insurance takes over, rather than queue commands or hold calls while it reconnects.
const COMMAND_TIMEOUT_MS = 500;
const MAX_RECONNECT_DELAY_MS = 5_000;
const FIRST_CONNECTION_TIMEOUT_MS = 2_000;

/**
 * A Redis client for the gateway's rate limits and readiness check, connected when Redis answers
 * at once. When it does not, the client keeps reconnecting in the background and a warning says
 * so: the gateway starts and serves calls while Redis is away, counting them in memory.
 */
export async function connectRedisForRateLimits(url: string, logger: Logger): Promise<Redis> {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    // The per-IP and per-user counts of a call go out together.
    enableAutoPipelining: true,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: FIRST_CONNECTION_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * 250, MAX_RECONNECT_DELAY_MS),
  });
  // Without a listener ioredis prints every failed reconnection; the rate limiter and /readyz report an absent Redis.
  redis.on('error', () => undefined);
  // Waited for so that the first calls count in Redis, not in memory while the connection opens.
  const connected = await new Promise<boolean>((resolve) => {
    const settle = (ready: boolean) => {
      redis.off('ready', onReady);
      redis.off('error', onError);
      clearTimeout(timer);
      resolve(ready);
    };
    const onReady = () => settle(true);
    const onError = () => settle(false);
    const timer = setTimeout(() => settle(false), FIRST_CONNECTION_TIMEOUT_MS);
    redis.once('ready', onReady);
    redis.once('error', onError);
  });
  if (!connected) {
    logger.warn(
      { redis: hideUrlPassword(url) },
      `Redis at ${hideUrlPassword(url)} does not answer; the rate limits count in memory until it does (check FRM_REDIS_URL and the Redis server)`,
    );
  }
  return redis;
}
