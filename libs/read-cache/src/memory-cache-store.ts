import { CHANGE_MEMORY_SECONDS, POINTS_KEPT_PER_AXIS, POINTS_SCANNED_PER_RANGE, rangeHolds, type CacheChanges, type CacheEntry, type CacheLookup, type CacheReplacement, type CacheStore } from './cache-store.port';

interface Axis {
  /** The newest sequence number among the points dropped. */
  floor: number;
  /** Oldest first. */
  points: Array<{ readonly moved: number; readonly at: readonly number[] }>;
}

/**
 * The cache in this process's memory, for the embedded platform (one process, no Redis). At most
 * `maxEntries` entries: the oldest stored goes first.
 */
export class MemoryCacheStore implements CacheStore {
  readonly keepsAnswers = true;
  private readonly sequences = new Map<string, number>();
  private readonly marks = new Map<string, { moved: number; forgetAt: number }>();
  private readonly axes = new Map<string, Axis>();
  private readonly entries = new Map<string, { entry: CacheEntry; expiresAt: number }>();
  private readonly popular = new Map<string, Map<string, number>>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly pointsKeptPerAxis = POINTS_KEPT_PER_AXIS,
  ) {}

  async lookup(key: string, sequence: string, watchedMark: string, withDependencies = false): Promise<CacheLookup> {
    const found = this.entries.get(key);
    if (found && found.expiresAt <= Date.now()) this.entries.delete(key);
    const served = found && found.expiresAt > Date.now() && this.fresh(found.entry) ? found.entry : undefined;
    return { stamp: this.sequences.get(sequence) ?? 0, value: served?.value, dependsOn: withDependencies ? served?.dependsOn : undefined, watched: this.movedAt(watchedMark) };
  }

  async store(key: string, entry: CacheEntry, ttlSeconds: number): Promise<void> {
    if (!this.fresh(entry)) return;
    this.entries.delete(key);
    this.entries.set(key, { entry, expiresAt: Date.now() + ttlSeconds * 1000 });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  async invalidate(sequence: string, changes: CacheChanges, replacements: readonly CacheReplacement[] = []): Promise<void> {
    const fresh = replacements.filter((replacement) => this.fresh(replacement.entry));
    const moved = (this.sequences.get(sequence) ?? 0) + 1;
    this.sequences.set(sequence, moved);
    const forgetAt = Date.now() + CHANGE_MEMORY_SECONDS * 1000;
    for (const mark of changes.marks) this.marks.set(mark, { moved, forgetAt });
    for (const point of changes.points) {
      const axis = this.axes.get(point.axis) ?? { floor: 0, points: [] };
      axis.points.push({ moved, at: point.at });
      const excess = axis.points.length - this.pointsKeptPerAxis;
      if (excess > 0) axis.floor = (axis.points.splice(0, excess).at(-1) as { moved: number }).moved;
      this.axes.set(point.axis, axis);
    }
    for (const { key, entry, ttlSeconds } of fresh) await this.store(key, { ...entry, stamp: moved }, ttlSeconds);
  }

  async countRequest(key: string, member: Buffer): Promise<void> {
    const counts = this.popular.get(key) ?? new Map<string, number>();
    const id = member.toString('base64');
    counts.set(id, (counts.get(id) ?? 0) + 1);
    this.popular.set(key, counts);
  }

  async mostRequested(key: string, count: number): Promise<Buffer[]> {
    return [...(this.popular.get(key) ?? new Map<string, number>())]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([id]) => Buffer.from(id, 'base64'));
  }

  private fresh({ stamp, dependsOn }: CacheEntry): boolean {
    if (dependsOn.marks.some((mark) => this.movedAt(mark) > stamp)) return false;
    return dependsOn.ranges.every((range) => {
      const axis = this.axes.get(range.axis);
      if (!axis) return true;
      if (axis.floor > stamp) return false;
      for (let i = axis.points.length - 1, scanned = 0; i >= 0; i--, scanned++) {
        const point = axis.points[i] as { moved: number; at: readonly number[] };
        if (point.moved <= stamp) return true;
        if (scanned === POINTS_SCANNED_PER_RANGE || rangeHolds(range, point.at)) return false;
      }
      return true;
    });
  }

  private movedAt(mark: string): number {
    const found = this.marks.get(mark);
    if (found && found.forgetAt <= Date.now()) this.marks.delete(mark);
    return found && found.forgetAt > Date.now() ? found.moved : 0;
  }
}
