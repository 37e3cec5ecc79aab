/** Reads of one cache, from `frm_cache_requests_total{cache,outcome}`, and its database reads, from `frm_cache_fills_total{cache,reason}`. */
export interface CacheCounts {
  readonly reads: Readonly<Record<string, number>>;
  readonly fills: Readonly<Record<string, number>>;
}

/** A cache during a run: the share of reads answered from it, and what it read from the database. */
export interface CacheFigures {
  readonly reads: number;
  /** Hits over all reads: a read that waited for another's load of the same answer (coalesced) is not a hit. */
  readonly hitRatio: number;
  /** Hits and coalesced reads over all reads: the reads that did not go to the database themselves. */
  readonly withoutOwnDatabaseRead: number;
  readonly outcomes: Readonly<Record<string, number>>;
  /** Answers read from the database, by reason: a reader's miss, warming, a refresh after a change, a page read ahead. */
  readonly databaseReads: Readonly<Record<string, number>>;
}

const SAMPLE = /^(frm_cache_requests_total|frm_cache_fills_total)\{([^}]*)\}\s+([0-9.eE+-]+)$/;

/** The cache counters of the services' `GET /metrics` (summed over the services), by cache name. */
export async function readCacheCounts(metricsUrls: readonly string[]): Promise<Map<string, CacheCounts>> {
  const counts = new Map<string, { reads: Record<string, number>; fills: Record<string, number> }>();
  for (const url of metricsUrls) {
    const text = await (await fetch(url)).text();
    for (const line of text.split('\n')) {
      const sample = SAMPLE.exec(line.trim());
      if (!sample) continue;
      const labels = Object.fromEntries([...(sample[2] as string).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
      const cache = labels['cache'];
      if (!cache) continue;
      const entry = counts.get(cache) ?? { reads: {}, fills: {} };
      const [kind, label] = sample[1] === 'frm_cache_requests_total' ? (['reads', labels['outcome']] as const) : (['fills', labels['reason']] as const);
      if (label) entry[kind][label] = (entry[kind][label] ?? 0) + Number(sample[3]);
      counts.set(cache, entry);
    }
  }
  return counts;
}

/** Each cache's figures between two readings. */
export function hitRatios(before: ReadonlyMap<string, CacheCounts>, after: ReadonlyMap<string, CacheCounts>): Record<string, CacheFigures> {
  const figures: Record<string, CacheFigures> = {};
  const ratio = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000);
  for (const [cache, end] of after) {
    const start = before.get(cache);
    const outcomes = difference(end.reads, start?.reads ?? {});
    const reads = Object.values(outcomes).reduce((sum, count) => sum + count, 0);
    figures[cache] = {
      reads,
      hitRatio: ratio(outcomes['hit'] ?? 0, reads),
      withoutOwnDatabaseRead: ratio((outcomes['hit'] ?? 0) + (outcomes['coalesced'] ?? 0), reads),
      outcomes,
      databaseReads: difference(end.fills, start?.fills ?? {}),
    };
  }
  return figures;
}

function difference(end: Readonly<Record<string, number>>, start: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(end).map(([label, count]) => [label, count - (start[label] ?? 0)]));
}
