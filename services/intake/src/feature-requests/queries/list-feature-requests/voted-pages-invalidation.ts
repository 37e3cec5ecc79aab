import type { Logger } from '@frm/logging';
import type { SqlDatabase } from '@frm/postgres';
import type { ProjectionSchema } from '@frm/projections';
import type { CacheInvalidation, ReadCache } from '@frm/read-cache';
import { votedPositionsSql } from './list-feature-requests.sql';
import { votedPages, votedPagesAnywhere } from './list-page-scopes';

/** More voted requests than this at once make every page stale. */
const MANY_REQUESTS = 1_000;

export interface VotedPagesInvalidationOptions {
  readonly cache: ReadCache;
  readonly db: SqlDatabase;
  /** The live tables, read once the votes are committed. */
  readonly schema: () => ProjectionSchema;
  readonly withinMs: number;
  readonly logger: Logger;
}

/**
 * Votes come in a stream: the board pages they change go stale within `withinMs` of the first vote,
 * gathered into one invalidation instead of many a second (a board's counts may lag a vote by that
 * much; tallies never do). Where the voted requests stand is read then, after their votes committed.
 */
export class VotedPagesInvalidation {
  private readonly voted = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly options: VotedPagesInvalidationOptions) {}

  add(featureRequestIds: readonly string[]): void {
    for (const id of featureRequestIds) this.voted.add(id);
    if (this.timer || this.voted.size === 0) return;
    this.timer = setTimeout(() => void this.flush(), this.options.withinMs);
    this.timer.unref();
  }

  /** Makes what is gathered stale now (before the process stops). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const voted = [...this.voted];
    this.voted.clear();
    if (voted.length > 0) this.flushing = this.flushing.then(() => this.invalidate(voted));
    await this.flushing;
  }

  private async invalidate(voted: readonly string[]): Promise<void> {
    // Catching up after a pause, most pages change anyway: all go.
    const invalidation = voted.length > MANY_REQUESTS ? undefined : await this.pagesOf(voted);
    await this.options.cache.invalidate(invalidation).catch((error: unknown) => this.options.logger.warn({ err: error }, 'the board pages votes changed could not be invalidated'));
  }

  private async pagesOf(voted: readonly string[]): Promise<CacheInvalidation> {
    try {
      const { sql, params } = votedPositionsSql(this.options.schema(), voted);
      const rows = await this.options.db.query<{ vote_count: string; trend_rank: string; created_at_ms: number }>(sql, params);
      return votedPages(
        voted,
        rows.map((row) => ({ voteCount: Number(row.vote_count), trendRank: Number(row.trend_rank), createdAtMs: Math.floor(Number(row.created_at_ms)) })),
      );
    } catch (error) {
      this.options.logger.warn({ err: error }, 'where the voted requests stand could not be read; every top and trending page goes stale instead');
      return votedPagesAnywhere(voted);
    }
  }
}
