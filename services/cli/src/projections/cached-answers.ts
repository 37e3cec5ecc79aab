import { Redis } from 'ioredis';
import { hideUrlPassword, loadSettings, runModeSettings } from '@frm/config';
import { invalidateProjectionCaches, RedisCacheStore } from '@frm/read-cache';

/** What became of the services' cached answers of a rebuilt projection, in words for the report. */
export interface CachedAnswers {
  readonly invalidated: boolean;
  readonly detail: string;
}

/**
 * Makes the services' cached answers of `projection` stale in their Redis (FRM_REDIS_URL), as the
 * DR orchestrator does after its swaps: the swapped-in rows came without a batch of events, so no
 * projection invalidated them. The services notice it on their next read and warm their most
 * requested answers again. Without Redis there is nothing shared to invalidate: the embedded
 * platform cannot run beside `frm` on its database, and server replicas without Redis cache nothing.
 */
export async function invalidateCachedAnswers(projection: string): Promise<CachedAnswers> {
  const url = loadSettings(runModeSettings).FRM_REDIS_URL;
  if (url === undefined) return { invalidated: false, detail: 'FRM_REDIS_URL is unset: no shared cache holds answers of it' };
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 5_000, retryStrategy: () => null });
  let lastError: Error | undefined;
  redis.on('error', (error: Error) => (lastError = error));
  try {
    await redis.connect();
    await invalidateProjectionCaches(new RedisCacheStore(redis), projection);
    return { invalidated: true, detail: `stale in Redis at ${hideUrlPassword(url)}; the services warm their most requested answers again` };
  } catch (error) {
    const reason = lastError?.message ?? (error instanceof Error ? error.message : String(error));
    const detail = `Redis at ${hideUrlPassword(url)} did not answer (${reason}); the services' cached answers of it expire within 5 minutes`;
    process.stderr.write(`frm: warning: the cached answers of ${projection} could not be made stale: ${detail}\n`);
    return { invalidated: false, detail };
  } finally {
    redis.disconnect();
  }
}
