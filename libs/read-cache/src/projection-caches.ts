import type { CacheStore } from './cache-store.port';

/** The sequence every invalidation of a projection's caches takes its number from. */
export function projectionSequence(projection: string): string {
  return `projection:${projection}`;
}

/** The mark every answer of a projection depends on: moved when a rebuilt copy is swapped in. */
export function projectionMark(projection: string): string {
  return `projection:${projection}`;
}

/**
 * Makes every cached answer that came from `projection` stale, in every process that shares the
 * store: for a copy swapped in by a rebuild, which changes the rows without a batch of events. The
 * services notice it on their next read and warm their most requested answers again.
 */
export async function invalidateProjectionCaches(store: CacheStore, projection: string): Promise<void> {
  await store.invalidate(projectionSequence(projection), { marks: [projectionMark(projection)], points: [] });
}
