import { Inject, Injectable, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { EventStore, Position, RecordedEvent } from '@frm/event-store';
import type { Logger } from '@frm/logging';
import type { SqlDatabase } from '@frm/postgres';
import { ProjectionRunner, projectionSchema, type ProjectionSchema } from '@frm/projections';
import { TrendHalfLifeMismatchError } from '@frm/trend';
import type { ReadCache } from '@frm/read-cache';
import { EVENT_STORE, LIST_CACHE, LOGGER, READ_MODEL_DATABASE, READ_MODEL_SCHEMA, TREND_HALF_LIFE_MS } from '../../intake.tokens';
import { featureRequestsProjectionFor } from './feature-requests.projection';
import { VOTE_EVENT_PREFIX } from './vote-tally-effect';
import { waitUntilApplied } from './read-model-freshness';
import { storedTrendHalfLife } from './stored-trend-half-life';

/** How long a board page may show a count from before a vote (see the runner's onApplied). */
const LIST_VOTE_STALENESS_MS = 500;

// Long enough for a busy embedded database, short enough that a stuck projection does not hold a caller.
const READ_YOUR_WRITES_TIMEOUT_MS = 2_000;

/** Keeps the feature-request read model up to date while the service runs, and names its tables. */
@Injectable()
export class FeatureRequestsReadModel implements OnModuleInit, BeforeApplicationShutdown {
  private readonly runner: ProjectionRunner;
  readonly schema: ProjectionSchema;

  constructor(
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(READ_MODEL_DATABASE) readonly db: SqlDatabase,
    @Inject(LOGGER) logger: Logger,
    @Inject(READ_MODEL_SCHEMA) schema: string | null,
    @Inject(TREND_HALF_LIFE_MS) private readonly trendHalfLifeMs: number,
    @Inject(LIST_CACHE) listCache: ReadCache,
  ) {
    const projection = featureRequestsProjectionFor(trendHalfLifeMs);
    // Every batch can move a request in any list, so lists go as a whole: at once for what people
    // write (a submission, an edit, a status), which they expect on the next page they read; within
    // LIST_VOTE_STALENESS_MS for votes, which come in a stream and would otherwise empty the cache
    // many times a second (a board's counts may lag a vote by that much; tallies are exact at once).
    const onApplied = async (events: readonly RecordedEvent[]) => {
      if (events.every((event) => event.type.startsWith(VOTE_EVENT_PREFIX))) listCache.invalidateSoon(LIST_VOTE_STALENESS_MS);
      else await listCache.invalidate();
    };
    this.runner = new ProjectionRunner({ projection, eventStore, db, logger, schema: schema ?? undefined, onApplied });
    this.schema = projectionSchema(this.runner.schema);
  }

  /**
   * The tables exist before the service answers its first query. Rows whose trend terms were made
   * with another half-life are refused before the runner adds a single term of this one to them.
   */
  async onModuleInit(): Promise<void> {
    const stored = await storedTrendHalfLife(this.db, this.schema);
    if (stored !== undefined && stored !== this.trendHalfLifeMs) {
      throw new TrendHalfLifeMismatchError({ service: 'intake', schema: this.runner.schema }, stored, this.trendHalfLifeMs);
    }
    await this.runner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }

  /** Returns once the read model shows what a command appended (or after a timeout: see {@link waitUntilApplied}). */
  async catchUpWith(appended: { readonly position: Position | undefined }): Promise<void> {
    if (appended.position) await waitUntilApplied(this.runner, appended.position, READ_YOUR_WRITES_TIMEOUT_MS);
  }
}
