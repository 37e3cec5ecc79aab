import { createHash } from 'node:crypto';
import type { Logger } from '@frm/logging';
import { Counter, createMetricsRegistry, registeredOnce, type Registry } from '@frm/metrics';
import type { CacheStore } from './cache-store.port';

/** Turns an answer into bytes and back (a protobuf message's encode and decode). */
export interface CacheCodec<T> {
  encode(value: T): Uint8Array;
  decode(bytes: Buffer): T;
}

export interface ReadCacheOptions {
  /** Names the cache in keys and metrics: "feature-request-lists", "tallies". */
  readonly name: string;
  /**
   * The projection the answers come from: {@link invalidateProjectionCaches} of it (after a rebuilt
   * copy is swapped in, by whichever process swapped it) makes every answer of this cache stale.
   */
  readonly projection: string;
  readonly store: CacheStore;
  readonly logger: Logger;
  /** How long an entry may stay in memory (default 300 s). Freshness comes from invalidation, not from this. */
  readonly ttlSeconds?: number;
  /** Counts hits and misses (`frm_cache_requests_total{cache,outcome}`); absent: counted where nobody reads. */
  readonly metrics?: Registry;
  /** Remembers about one request in this many for warming (default 10). */
  readonly popularitySample?: number;
}

export interface CachedRead<T> {
  /** Identifies the answer: every input it depends on. */
  readonly key: string;
  /** Entries of one scope (a feature request's tally) are invalidated alone; absent: the whole cache. */
  readonly scope?: string;
  readonly codec: CacheCodec<T>;
  readonly load: () => Promise<T>;
  /** The request, to be replayed by {@link ReadCache.warm}; absent: this read is never warmed. */
  readonly request?: Uint8Array;
}

const KEY_PREFIX = 'frm:cache';

function projectionGenerationKey(projection: string): string {
  return `${KEY_PREFIX}:projection:${projection}:generation`;
}

/**
 * Makes every cached answer that came from `projection` stale, in every process that shares the
 * store: for a copy swapped in by a rebuild, which changes the rows without a batch of events.
 */
export async function invalidateProjectionCaches(store: CacheStore, projection: string): Promise<void> {
  await store.bump([projectionGenerationKey(projection)]);
}

/**
 * Answers of hot reads, kept until the read model they came from changes: the read model's own
 * projection calls {@link invalidate} after each batch it applies (the whole cache, or the scopes
 * the batch touched), which moves a generation on, so no entry outlives the data it was made from.
 * A reader takes the generation before it reads the database, so an answer computed across a
 * change is stored under the old generation and never served. Concurrent misses of one entry in a
 * process share one load. When the store fails the read goes to the database, never to an error.
 */
export class ReadCache {
  private readonly ttlSeconds: number;
  private readonly requests: Counter<'cache' | 'outcome'>;
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly sample: number;
  private seen = 0;
  private pendingInvalidation: NodeJS.Timeout | undefined;

  constructor(private readonly options: ReadCacheOptions) {
    this.ttlSeconds = options.ttlSeconds ?? 300;
    this.sample = Math.max(1, options.popularitySample ?? 10);
    const registry = options.metrics ?? createMetricsRegistry({ processMetrics: false });
    this.requests = registeredOnce(
      registry,
      'frm_cache_requests_total',
      () => new Counter({ name: 'frm_cache_requests_total', help: 'Reads of the caches, by cache and outcome (hit, miss, error)', labelNames: ['cache', 'outcome'], registers: [registry] }),
    ) as Counter<'cache' | 'outcome'>;
    for (const outcome of ['hit', 'miss', 'error']) this.requests.inc({ cache: options.name, outcome }, 0);
  }

  async read<T>(read: CachedRead<T>): Promise<T> {
    const { name, store } = this.options;
    if (read.request && ++this.seen % this.sample === 0) {
      store.countRequest(this.popularKey(), Buffer.from(read.request)).catch(() => undefined);
    }
    const digest = createHash('sha1').update(read.key).digest('base64url');
    const prefix = `${KEY_PREFIX}:${name}:${read.scope ?? '-'}:`;
    let generation: string;
    try {
      const found = await store.lookup([projectionGenerationKey(this.options.projection), this.generationKey(read.scope)], prefix, `:${digest}`);
      if (found.value) {
        this.requests.inc({ cache: name, outcome: 'hit' });
        return read.codec.decode(found.value);
      }
      generation = found.generation;
    } catch (error) {
      this.requests.inc({ cache: name, outcome: 'error' });
      this.options.logger.warn({ err: error, cache: name }, `the ${name} cache did not answer; reading the database`);
      return read.load();
    }
    this.requests.inc({ cache: name, outcome: 'miss' });
    const entryKey = `${prefix}${generation}:${digest}`;
    const pending = this.inFlight.get(entryKey) as Promise<T> | undefined;
    if (pending) return pending;
    const loading = read
      .load()
      .then(async (value) => {
        await store.store(entryKey, Buffer.from(read.codec.encode(value)), this.ttlSeconds).catch((error: unknown) => {
          this.options.logger.warn({ err: error, cache: name }, `an answer could not be kept in the ${name} cache`);
        });
        return value;
      })
      .finally(() => this.inFlight.delete(entryKey));
    this.inFlight.set(entryKey, loading);
    return loading;
  }

  /**
   * Makes the whole cache unreachable within `withinMs`: changes that come in a stream (votes
   * moving counts on every board page) share one invalidation instead of emptying the cache each
   * time, so an answer may lag such a change by up to `withinMs`. A pending one is not moved later.
   */
  invalidateSoon(withinMs: number): void {
    if (this.pendingInvalidation) return;
    this.pendingInvalidation = setTimeout(() => {
      this.pendingInvalidation = undefined;
      this.invalidate().catch((error: unknown) => this.options.logger.warn({ err: error, cache: this.options.name }, `the ${this.options.name} cache could not be invalidated`));
    }, withinMs);
    this.pendingInvalidation.unref();
  }

  /** Makes the answers of the scopes (all of the cache when none are given) unreachable. */
  async invalidate(scopes?: readonly string[]): Promise<void> {
    const keys = scopes ? [...new Set(scopes)].map((scope) => this.generationKey(scope)) : [this.generationKey(undefined)];
    await this.options.store.bump(keys);
  }

  /**
   * Fills the cache with the answers to the `count` most requested reads (after a deploy, or once
   * a rebuilt read model is in place), by handing each remembered request to `replay`.
   */
  async warm(count: number, replay: (request: Buffer) => Promise<unknown>): Promise<number> {
    const requests = await this.options.store.mostRequested(this.popularKey(), count);
    let warmed = 0;
    for (const request of requests) {
      try {
        await replay(request);
        warmed += 1;
      } catch (error) {
        this.options.logger.warn({ err: error, cache: this.options.name }, `warming the ${this.options.name} cache skipped a request that failed`);
      }
    }
    return warmed;
  }

  private generationKey(scope: string | undefined): string {
    return `${KEY_PREFIX}:${this.options.name}:generation:${scope ?? '-'}`;
  }

  private popularKey(): string {
    return `${KEY_PREFIX}:${this.options.name}:popular`;
  }
}
