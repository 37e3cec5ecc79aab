import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { Logger } from '@frm/logging';
import type { Registry } from '@frm/metrics';
import { CHANGE_MEMORY_SECONDS, changesReach, type AxisPoint, type AxisRange, type CacheChanges, type CacheDependencies, type CacheReplacement, type CacheStore } from './cache-store.port';
import { projectionMark, projectionSequence } from './projection-caches';
import { ReadAhead } from './read-ahead';
import { ReadCacheMetrics, type FillReason } from './read-cache.metrics';
import { RecentReads } from './recent-reads';

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
  /** Counts reads and fills (see ReadCacheMetrics); absent: counted where nobody reads. */
  readonly metrics?: Registry;
  /** Remembers about one request in this many for warming (default 10). */
  readonly popularitySample?: number;
  /** How many of the most requested answers {@link ReadCache.warm} fills (default 20). */
  readonly warmCount?: number;
  /**
   * Before each invalidation, the answers this process was asked for most in the last seconds that
   * it makes stale are read again, and take the place of the old ones in the same step (default 0:
   * none): their readers go from one to the other without a miss.
   */
  readonly refreshCount?: number;
  /** What counts as read lately, for the refreshes (default 5 s: each request read within the last one or two of these). */
  readonly recentWindowMs?: number;
}

/** What a change made stale: the scopes it touched and where rows entered orderings. */
export interface CacheInvalidation {
  readonly scopes?: readonly string[];
  readonly points?: readonly AxisPoint[];
}

/** What an answer depends on beyond its request, known once it is read: the scopes of what it shows, the ranges of orderings it covers. */
export interface AnswerDependencies {
  readonly scopes?: readonly string[];
  readonly ranges?: readonly AxisRange[];
}

export interface CachedRead<T> {
  /** Identifies the answer: every input it depends on. */
  readonly key: string;
  /** The scope the request itself belongs to (a feature request's tally, a board sort), invalidated with it. */
  readonly scope?: string;
  readonly codec: CacheCodec<T>;
  readonly load: () => Promise<T>;
  /** What else makes the answer stale, from the answer: a change to a row it shows, a row entering a range it covers. */
  readonly dependsOn?: (answer: T) => AnswerDependencies;
  /** The request, to be replayed by {@link ReadCache.warm} and the refreshes; absent: never replayed. */
  readonly request?: Uint8Array;
}

type Replay = (request: Buffer) => Promise<unknown>;

class CacheUnavailableError extends Error {
  constructor(cache: string, cause: unknown) {
    super(`the ${cache} cache did not answer; it is not filled meanwhile`, { cause });
  }
}

/** How long an invalidation waits for the answers read ahead of it; those not read by then are left out. */
const READ_AHEAD_MS = 100;

/** Set while the cache reads on its own (warming, refreshing, a next page ahead): not a person's read. */
const filling = new AsyncLocalStorage<{ readonly reason: Exclude<FillReason, 'miss'>; readonly ahead?: ReadAhead }>();

/** Reads ahead one cache runs at once in a process (see {@link ReadCache.prefetch}). */
export const MAX_PREFETCHES_IN_FLIGHT = 2;

/**
 * Answers of hot reads, kept until the read model they came from changes: the read model's own
 * projection calls {@link invalidate} after each batch it applies, naming what the batch changed
 * (scopes, and points where rows entered an ordering; nothing: the whole cache). A reader takes a
 * stamp before it reads the database, and an answer is served only while nothing it depends on
 * changed after its stamp, so an answer read across a change is never served once the change is
 * invalidated. Concurrent misses of one entry in a process share one load; the answers most read
 * lately are read again ahead of an invalidation that reaches them and take their place with it,
 * and a caller may read an answer ahead of its readers. When the store fails the read goes to the
 * database, never to an error.
 */
export class ReadCache {
  private readonly ttlSeconds: number;
  private readonly metrics: ReadCacheMetrics;
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /** Reads ahead still running: past MAX_PREFETCHES_IN_FLIGHT, a read ahead is left out. */
  private prefetching = 0;
  private readonly recent: RecentReads;
  private readonly sample: number;
  private seen = 0;
  private replay: Replay | undefined;
  private lastSwap: number | undefined;

  constructor(private readonly options: ReadCacheOptions) {
    this.ttlSeconds = options.ttlSeconds ?? 300;
    if (this.ttlSeconds > CHANGE_MEMORY_SECONDS / 2) throw new Error(`a cache entry lives at most ${CHANGE_MEMORY_SECONDS / 2} s, longer than changes are remembered`);
    this.sample = Math.max(1, options.popularitySample ?? 10);
    this.metrics = new ReadCacheMetrics(options.name, options.metrics);
    this.recent = new RecentReads(options.recentWindowMs ?? 5_000);
  }

  /** How the service answers a remembered request: {@link warm} and the refreshes replay requests through it. */
  replayWith(replay: Replay): void {
    this.replay = replay;
  }

  async read<T>(read: CachedRead<T>): Promise<T> {
    const { name, store } = this.options;
    const context = filling.getStore();
    const fill = context?.reason;
    const digest = createHash('sha1').update(`${read.scope ?? ''}\n${read.key}`).digest('base64url');
    if (read.request && !fill) this.remember(read.request);
    const entryKey = `${name}:${digest}`;
    let stamp: number;
    try {
      const found = await store.lookup(entryKey, projectionSequence(this.options.projection), projectionMark(this.options.projection), context?.ahead !== undefined);
      this.noticeSwap(found.watched);
      // Read ahead of an invalidation, an answer its changes reach is read again.
      const replaced = context?.ahead !== undefined && (found.dependsOn === undefined || changesReach(context.ahead.changes, found.dependsOn));
      if (found.value && !replaced) {
        if (!fill) this.metrics.read('hit');
        return read.codec.decode(found.value);
      }
      stamp = found.stamp;
    } catch (error) {
      // Filling a cache that does not answer would only add reads of the database.
      if (fill) throw new CacheUnavailableError(name, error);
      this.metrics.read('error');
      this.options.logger.warn({ err: error, cache: name }, `the ${name} cache did not answer; reading the database`);
      return read.load();
    }
    if (context?.ahead) return this.readAhead(context.ahead, read, entryKey, stamp);
    // Only a load that started after the same changes as this read may answer it.
    const flight = `${entryKey}@${stamp}`;
    const pending = this.inFlight.get(flight) as Promise<T> | undefined;
    if (pending) {
      if (!fill) this.metrics.read('coalesced');
      return pending;
    }
    if (!fill) this.metrics.read('miss');
    const loading = read
      .load()
      .then(async (value) => {
        const dependsOn = this.dependenciesOf(read, value);
        await store.store(entryKey, { stamp, dependsOn, value: Buffer.from(read.codec.encode(value)) }, this.ttlSeconds).catch((error: unknown) => {
          this.options.logger.warn({ err: error, cache: name }, `an answer could not be kept in the ${name} cache`);
        });
        this.metrics.filled(fill ?? 'miss');
        return value;
      })
      .finally(() => this.inFlight.delete(flight));
    this.inFlight.set(flight, loading);
    return loading;
  }

  /** Reads answers nobody asked for yet (the page after one just read) through `read`, without holding up the caller. */
  prefetch(read: () => Promise<unknown>): void {
    if (!this.options.store.keepsAnswers) return;
    // Reading ahead is for an idle database: when the reads ahead are not keeping up, every miss
    // would add more of them to a database already behind, and the misses come faster the slower it
    // answers. Those past the bound are left out; the page is read when somebody asks for it.
    if (this.prefetching >= MAX_PREFETCHES_IN_FLIGHT) return;
    this.prefetching++;
    filling
      .run({ reason: 'prefetch' }, read)
      .catch((error: unknown) => this.options.logger.debug({ err: error, cache: this.options.name }, 'a read ahead failed'))
      .finally(() => this.prefetching--);
  }

  /**
   * Makes what a change touched stale: the answers of these scopes, those covering these points
   * (`undefined`: every answer of the cache). The answers most asked for lately that it makes
   * stale are read again first and put in their place in the same step
   * ({@link ReadCacheOptions.refreshCount}).
   */
  async invalidate(invalidation?: CacheInvalidation): Promise<void> {
    const { name, projection, store } = this.options;
    const marks = invalidation ? (invalidation.scopes ?? []).map((scope) => this.scopeMark(scope)) : [`${name}:all`];
    const points = (invalidation?.points ?? []).map((point) => ({ axis: `${name}:${point.axis}`, at: point.at }));
    if (marks.length === 0 && points.length === 0) return;
    const changes = { marks, points };
    await store.invalidate(projectionSequence(projection), changes, await this.replacementsFor(changes));
  }

  /**
   * Reads again those of these requests that people asked for lately (the answers a change just
   * made stale: write-through for what is being read), not counted as anybody's read; an answer
   * still fresh is left as it is.
   */
  async refresh(requests: readonly Uint8Array[]): Promise<void> {
    await this.replayAll('refresh', requests.filter((request) => this.recent.has(request)).map((request) => Buffer.from(request)));
  }

  /**
   * Fills the cache with the answers to the most requested reads (after a deploy, or once a
   * rebuilt read model is in place), through the replay given to {@link replayWith}.
   */
  async warm(count = this.options.warmCount ?? 20): Promise<number> {
    const requests = await this.options.store.mostRequested(this.popularKey(), count);
    return this.replayAll('warm', requests);
  }

  private async replayAll(reason: Exclude<FillReason, 'miss' | 'prefetch'>, requests: readonly Buffer[]): Promise<number> {
    const replay = this.replay;
    if (!replay || !this.options.store.keepsAnswers) return 0;
    const done = await Promise.all(
      requests.map((request) =>
        filling.run({ reason }, () => replay(request)).then(
          () => 1,
          (error: unknown) => {
            if (error instanceof CacheUnavailableError) this.options.logger.debug({ err: error.cause, cache: this.options.name }, error.message);
            else this.options.logger.warn({ err: error, cache: this.options.name }, `a ${reason} of the ${this.options.name} cache skipped a request that failed`);
            return 0;
          },
        ),
      ),
    );
    return done.reduce<number>((sum, one) => sum + one, 0);
  }

  // The changes are committed: what is read now shows them.
  private async replacementsFor(changes: CacheChanges): Promise<CacheReplacement[]> {
    const replay = this.replay;
    const count = this.options.refreshCount ?? 0;
    if (count === 0 || !replay || !this.options.store.keepsAnswers) return [];
    const ahead = new ReadAhead(changes);
    const reading = Promise.all(
      this.recent.mostRead(count).map((request) =>
        filling.run({ reason: 'refresh', ahead }, () => replay(request)).catch((error: unknown) => this.options.logger.debug({ err: error, cache: this.options.name }, 'an answer read ahead of an invalidation failed')),
      ),
    );
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([reading, new Promise((resolve) => (timer = setTimeout(resolve, READ_AHEAD_MS)))]);
    clearTimeout(timer);
    return ahead.close();
  }

  private async readAhead<T>(ahead: ReadAhead, read: CachedRead<T>, key: string, stamp: number): Promise<T> {
    const value = await read.load();
    const entry = { stamp, dependsOn: this.dependenciesOf(read, value), value: Buffer.from(read.codec.encode(value)) };
    if (ahead.add({ key, entry, ttlSeconds: this.ttlSeconds })) this.metrics.filled('refresh');
    return value;
  }

  // A swap made anywhere moves the projection's mark on: warm once it is seen, as after a start.
  private noticeSwap(watched: number): void {
    if (this.lastSwap !== undefined && watched > this.lastSwap) {
      this.options.logger.info({ cache: this.options.name, projection: this.options.projection }, `a rebuilt ${this.options.projection} was swapped in; warming the ${this.options.name} cache`);
      this.warm().catch((error: unknown) => this.options.logger.warn({ err: error, cache: this.options.name }, `warming the ${this.options.name} cache failed`));
    }
    if (this.lastSwap === undefined || watched > this.lastSwap) this.lastSwap = watched;
  }

  private remember(request: Uint8Array): void {
    this.recent.note(request);
    if (++this.seen % this.sample === 0) this.options.store.countRequest(this.popularKey(), Buffer.from(request)).catch(() => undefined);
  }

  private dependenciesOf<T>(read: CachedRead<T>, answer: T): CacheDependencies {
    const { name, projection } = this.options;
    const found = read.dependsOn?.(answer);
    const scopes = [...(read.scope === undefined ? [] : [read.scope]), ...(found?.scopes ?? [])];
    return {
      marks: [projectionMark(projection), `${name}:all`, ...scopes.map((scope) => this.scopeMark(scope))],
      ranges: (found?.ranges ?? []).map((range) => ({ ...range, axis: `${name}:${range.axis}` })),
    };
  }

  private scopeMark(scope: string): string {
    return `${this.options.name}:scope:${scope}`;
  }

  private popularKey(): string {
    return this.options.name;
  }
}
