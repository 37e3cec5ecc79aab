/** Reads of one cache, from `frm_cache_requests_total{cache,outcome}`. */
export interface CacheCounts {
  readonly hit: number;
  readonly miss: number;
  readonly error: number;
}

const SAMPLE = /^frm_cache_requests_total\{([^}]*)\}\s+([0-9.eE+-]+)$/;

/** The cache counters of the services' `GET /metrics` (summed over the services), by cache name. */
export async function readCacheCounts(metricsUrls: readonly string[]): Promise<Map<string, CacheCounts>> {
  const counts = new Map<string, { hit: number; miss: number; error: number }>();
  for (const url of metricsUrls) {
    const text = await (await fetch(url)).text();
    for (const line of text.split('\n')) {
      const sample = SAMPLE.exec(line.trim());
      if (!sample) continue;
      const labels = Object.fromEntries([...(sample[1] as string).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
      const cache = labels['cache'];
      const outcome = labels['outcome'] as keyof CacheCounts | undefined;
      if (!cache || (outcome !== 'hit' && outcome !== 'miss' && outcome !== 'error')) continue;
      const entry = counts.get(cache) ?? { hit: 0, miss: 0, error: 0 };
      entry[outcome] += Number(sample[2]);
      counts.set(cache, entry);
    }
  }
  return counts;
}

/** The hit ratio of each cache between two readings. */
export function hitRatios(before: ReadonlyMap<string, CacheCounts>, after: ReadonlyMap<string, CacheCounts>): Record<string, { reads: number; hitRatio: number }> {
  const ratios: Record<string, { reads: number; hitRatio: number }> = {};
  for (const [cache, end] of after) {
    const start = before.get(cache) ?? { hit: 0, miss: 0, error: 0 };
    const hits = end.hit - start.hit;
    const reads = hits + (end.miss - start.miss) + (end.error - start.error);
    ratios[cache] = { reads, hitRatio: reads === 0 ? 0 : Math.round((hits / reads) * 1000) / 1000 };
  }
  return ratios;
}
