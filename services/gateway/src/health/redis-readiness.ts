import type { Redis } from 'ioredis';
import type { ReadinessCheck } from './readiness';

/** Redis is ready when it answers a PING within `timeoutMs`. */
export function redisReadiness(redis: Redis, timeoutMs: number): ReadinessCheck {
  return {
    name: 'redis',
    async check() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<string>((resolve) => {
        timer = setTimeout(() => resolve(`no answer to PING within ${timeoutMs} ms`), timeoutMs);
      });
      try {
        return await Promise.race([
          redis.ping().then(
            () => undefined,
            (error: unknown) => `does not answer (${error instanceof Error ? error.message : String(error)}); rate limits count in memory meanwhile`,
          ),
          timeout,
        ]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
