/**
 * Where a row entered an ordering (a board sort): its sort key as numbers, on that sort's axis.
 * Entries whose range on the axis holds it become stale.
 */
export interface AxisPoint {
  readonly axis: string;
  readonly at: readonly number[];
}

/**
 * A stretch of an ordering an answer covers, both ends included. Keys compare number by number,
 * the first that differs deciding; keys equal as far as both go are equal. `[-Infinity]` and
 * `[Infinity]` are open ends.
 */
export interface AxisRange {
  readonly axis: string;
  readonly from: readonly number[];
  readonly to: readonly number[];
}

/** What a change touched: the marks it moves on, and where rows entered orderings. */
export interface CacheChanges {
  readonly marks: readonly string[];
  readonly points: readonly AxisPoint[];
}

/** What an answer depends on: marks that make it stale when moved, ranges that do when a row enters them. */
export interface CacheDependencies {
  readonly marks: readonly string[];
  readonly ranges: readonly AxisRange[];
}

/** An answer, the stamp of the lookup that preceded its database read, and what it depends on. */
export interface CacheEntry {
  readonly stamp: number;
  readonly dependsOn: CacheDependencies;
  readonly value: Buffer;
}

export interface CacheLookup {
  /** The sequence now: an answer read from the database after this lookup is stored with it as its stamp. */
  readonly stamp: number;
  /** The entry, unless something it depends on changed after its stamp. */
  readonly value: Buffer | undefined;
  /** What the entry found depends on, when asked for. */
  readonly dependsOn?: CacheDependencies;
  /** The sequence number that last moved the watched mark (0: never, or too long ago to remember). */
  readonly watched: number;
}

/** An answer read again once a change was committed, to take the place of the one the change makes stale. */
export interface CacheReplacement {
  readonly key: string;
  readonly entry: CacheEntry;
  readonly ttlSeconds: number;
}

/**
 * Where cached answers live (Redis across processes, or this process's memory). Each invalidation
 * takes the next number of its sequence; an entry is served only while nothing it depends on moved
 * after its stamp, so an answer read across a change is never served once the change is invalidated.
 */
export interface CacheStore {
  /** False for a store that keeps nothing: reading ahead of readers would only add database reads. */
  readonly keepsAnswers: boolean;
  /** `withDependencies`: also tell what the entry found depends on. */
  lookup(key: string, sequence: string, watchedMark: string, withDependencies?: boolean): Promise<CacheLookup>;
  /** Keeps an entry for at most `ttlSeconds` (a bound on memory, not what keeps answers fresh); drops it if already stale. */
  store(key: string, entry: CacheEntry, ttlSeconds: number): Promise<void>;
  /**
   * Moves the marks on and records the points under the next number of `sequence`, and in the same
   * step stores the replacements that nothing else changed since their stamp, as if read after it:
   * readers go from the old answers to the new ones without a miss in between.
   */
  invalidate(sequence: string, changes: CacheChanges, replacements?: readonly CacheReplacement[]): Promise<void>;
  /** Counts one more request of `member` in the popularity list `key`. */
  countRequest(key: string, member: Buffer): Promise<void>;
  /** The `count` most requested members of `key`, most requested first. */
  mostRequested(key: string, count: number): Promise<Buffer[]>;
}

/**
 * How long a mark or a point is remembered. Entries live at most half as long and are not stored
 * once a change made them stale, so none outlives the memory of a change it depends on.
 */
export const CHANGE_MEMORY_SECONDS = 86_400;

/** Points kept per axis; an entry stamped before the oldest point dropped is stale on that axis. */
export const POINTS_KEPT_PER_AXIS = 10_000;

/** Points looked at per range of an entry: an entry with more changes on an axis since its stamp is stale, which bounds a lookup's work. */
export const POINTS_SCANNED_PER_RANGE = 256;

/** Compares two sort keys as {@link AxisRange} says. */
export function compareSortKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [x, y] = [a[i] as number, b[i] as number];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Whether a range holds a point. */
export function rangeHolds(range: Pick<AxisRange, 'from' | 'to'>, at: readonly number[]): boolean {
  return compareSortKeys(range.from, at) <= 0 && compareSortKeys(at, range.to) <= 0;
}

/** Whether changes make an answer with these dependencies stale. */
export function changesReach(changes: CacheChanges, dependsOn: CacheDependencies): boolean {
  const marks = new Set(changes.marks);
  if (dependsOn.marks.some((mark) => marks.has(mark))) return true;
  return changes.points.some((point) => dependsOn.ranges.some((range) => range.axis === point.axis && rangeHolds(range, point.at)));
}
