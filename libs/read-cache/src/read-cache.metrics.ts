import { Counter, createMetricsRegistry, registeredOnce, type Registry } from '@frm/metrics';

/** How a read was answered: from the cache, by a load of its own, by a load already under way, or by the database when the cache failed. */
export type ReadOutcome = 'hit' | 'miss' | 'coalesced' | 'error';

/** Why the cache read the database: a reader's miss, or a fill nobody waited for. */
export type FillReason = 'miss' | 'warm' | 'refresh' | 'prefetch';

const OUTCOMES: readonly ReadOutcome[] = ['hit', 'miss', 'coalesced', 'error'];
const REASONS: readonly FillReason[] = ['miss', 'warm', 'refresh', 'prefetch'];

/**
 * `frm_cache_requests_total{cache,outcome}` counts the reads people made (the hit ratio), and
 * `frm_cache_fills_total{cache,reason}` every answer read from the database, so the database work
 * that warming and refreshing take on is in plain sight beside the hits they bring.
 */
export class ReadCacheMetrics {
  private readonly requests: Counter<'cache' | 'outcome'>;
  private readonly fills: Counter<'cache' | 'reason'>;

  constructor(
    private readonly cache: string,
    metrics: Registry | undefined,
  ) {
    const registry = metrics ?? createMetricsRegistry({ processMetrics: false });
    this.requests = cacheCounter(
      registry,
      'frm_cache_requests_total',
      'Reads of the caches, by cache and outcome (hit; miss: read the database; coalesced: waited for a read of the database already under way; error: the cache failed)',
      'outcome',
    );
    this.fills = cacheCounter(
      registry,
      'frm_cache_fills_total',
      'Answers the caches read from the database, by cache and reason (a miss, warming, a refresh after a change, the next page ahead of its reader)',
      'reason',
    );
    for (const outcome of OUTCOMES) this.requests.inc({ cache, outcome }, 0);
    for (const reason of REASONS) this.fills.inc({ cache, reason }, 0);
  }

  read(outcome: ReadOutcome): void {
    this.requests.inc({ cache: this.cache, outcome });
  }

  filled(reason: FillReason): void {
    this.fills.inc({ cache: this.cache, reason });
  }
}

/** A counter by cache and one more label, registered once per registry (every cache of a process shares it). */
function cacheCounter<L extends string>(registry: Registry, name: string, help: string, label: L): Counter<'cache' | L> {
  return registeredOnce(registry, name, () => new Counter({ name, help, labelNames: ['cache', label], registers: [registry] })) as Counter<'cache' | L>;
}
