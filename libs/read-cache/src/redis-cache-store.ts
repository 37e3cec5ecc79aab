import type { Redis } from 'ioredis';
import { CHANGE_MEMORY_SECONDS, POINTS_KEPT_PER_AXIS, POINTS_SCANNED_PER_RANGE, type CacheChanges, type CacheDependencies, type CacheEntry, type CacheLookup, type CacheReplacement, type CacheStore } from './cache-store.port';
import { INVALIDATE, LOOKUP, STORE } from './redis-cache-scripts';

/** Popularity lists keep their most requested members only. */
const POPULAR_KEEP = 200;

export interface RedisCacheStoreOptions {
  /** Starts every key (default `frm:cache`); the scripts name keys themselves, so ioredis' keyPrefix would not reach them all. */
  readonly keyPrefix?: string;
  /** Points kept per axis (default {@link POINTS_KEPT_PER_AXIS}). */
  readonly pointsKeptPerAxis?: number;
}

type Script = (...args: Array<string | number | Buffer>) => Promise<unknown>;

/** The cache in Redis, shared by every replica of a service. */
export class RedisCacheStore implements CacheStore {
  readonly keepsAnswers = true;
  private readonly prefix: string;
  private readonly pointsKept: number;

  constructor(
    private readonly redis: Redis,
    options: RedisCacheStoreOptions = {},
  ) {
    this.prefix = options.keyPrefix ?? 'frm:cache';
    this.pointsKept = options.pointsKeptPerAxis ?? POINTS_KEPT_PER_AXIS;
    // ioredis sends a script by its SHA once Redis knows it; the …Buffer form returns bytes.
    if (!('frmCacheLookupBuffer' in redis)) {
      redis.defineCommand('frmCacheLookup', { lua: LOOKUP(POINTS_SCANNED_PER_RANGE), numberOfKeys: 3 });
      redis.defineCommand('frmCacheStore', { lua: STORE(POINTS_SCANNED_PER_RANGE), numberOfKeys: 1 });
      redis.defineCommand('frmCacheInvalidate', { lua: INVALIDATE(POINTS_SCANNED_PER_RANGE), numberOfKeys: 1 });
    }
  }

  async lookup(key: string, sequence: string, watchedMark: string, withDependencies = false): Promise<CacheLookup> {
    const found = (await this.script('frmCacheLookupBuffer')(this.key('sequence', sequence), this.key('entry', key), this.key('mark', watchedMark), withDependencies ? '1' : '0')) as [
      Buffer,
      Buffer,
      Buffer?,
      Buffer?,
    ];
    const [stamp, watched, value, header] = found;
    return { stamp: Number(stamp.toString()), watched: Number(watched.toString()), value: value ?? undefined, dependsOn: header ? this.dependenciesOf(header.toString()) : undefined };
  }

  async store(key: string, entry: CacheEntry, ttlSeconds: number): Promise<void> {
    await this.script('frmCacheStore')(this.key('entry', key), ttlSeconds, this.headerOf(entry), entry.value);
  }

  async invalidate(sequence: string, changes: CacheChanges, replacements: readonly CacheReplacement[] = []): Promise<void> {
    const marks = changes.marks.map((mark) => this.key('mark', mark));
    const points = changes.points.flatMap((point) => [this.key('axis', point.axis), point.at.map(finite).join(',')]);
    const replacing = replacements.flatMap(({ key, entry, ttlSeconds }) => [this.key('entry', key), ttlSeconds, this.headerOf(entry), entry.value]);
    await this.script('frmCacheInvalidate')(this.key('sequence', sequence), CHANGE_MEMORY_SECONDS, this.pointsKept, marks.length, points.length / 2, ...marks, ...points, ...replacing);
  }

  async countRequest(key: string, member: Buffer): Promise<void> {
    const popular = this.key('popular', key);
    await this.redis.pipeline().zincrby(popular, 1, member).zremrangebyrank(popular, 0, -POPULAR_KEEP - 1).exec();
  }

  async mostRequested(key: string, count: number): Promise<Buffer[]> {
    return this.redis.zrevrangeBuffer(this.key('popular', key), 0, count - 1);
  }

  private key(kind: 'sequence' | 'entry' | 'mark' | 'axis' | 'popular', name: string): string {
    return `${this.prefix}:${kind}:${name}`;
  }

  // The stamp first: a replacement's header is restamped by replacing what precedes the first comma.
  private headerOf(entry: CacheEntry): string {
    return JSON.stringify({
      s: entry.stamp,
      m: entry.dependsOn.marks.map((mark) => this.key('mark', mark)),
      r: entry.dependsOn.ranges.map((range) => [this.key('axis', range.axis), range.from.map(finite), range.to.map(finite)]),
    });
  }

  private dependenciesOf(header: string): CacheDependencies {
    const { m, r } = JSON.parse(header) as { m: string[]; r: Array<[string, number[], number[]]> };
    const name = (kind: 'mark' | 'axis', key: string) => key.slice(`${this.prefix}:${kind}:`.length);
    return { marks: m.map((mark) => name('mark', mark)), ranges: r.map(([axis, from, to]) => ({ axis: name('axis', axis), from, to })) };
  }

  private script(name: string): Script {
    const command = (this.redis as unknown as Record<string, Script>)[name] as Script;
    return (...args) => command.apply(this.redis, args);
  }
}

// JSON has no infinity; no sort key comes near this.
function finite(end: number): number {
  return Math.max(-1e308, Math.min(1e308, end));
}
