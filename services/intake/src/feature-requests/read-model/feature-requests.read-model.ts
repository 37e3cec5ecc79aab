import { Inject, Injectable, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { EventStore, Position, RecordedEvent } from '@frm/event-store';
import type { Logger } from '@frm/logging';
import type { SqlDatabase } from '@frm/postgres';
import { ProjectionRunner, projectionSchema, type ProjectionSchema } from '@frm/projections';
import { TrendHalfLifeMismatchError } from '@frm/trend';
import type { ReadCache } from '@frm/read-cache';
import { EVENT_STORE, LIST_CACHE, LOGGER, READ_MODEL_DATABASE, READ_MODEL_SCHEMA, TREND_HALF_LIFE_MS } from '../../intake.tokens';
import { listChangesOf } from '../queries/list-feature-requests/list-page-scopes';
import { VotedPagesInvalidation } from '../queries/list-feature-requests/voted-pages-invalidation';
import { featureRequestsProjectionFor } from './feature-requests.projection';
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
  private readonly votedPages: VotedPagesInvalidation;
  readonly schema: ProjectionSchema;

  constructor(
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(READ_MODEL_DATABASE) readonly db: SqlDatabase,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(READ_MODEL_SCHEMA) schema: string | null,
    @Inject(TREND_HALF_LIFE_MS) private readonly trendHalfLifeMs: number,
    @Inject(LIST_CACHE) private readonly listCache: ReadCache,
  ) {
    const projection = featureRequestsProjectionFor(trendHalfLifeMs);
    // Only the pages a batch can change go (see list-page-scopes.ts): at once for what people write
    // (a submission, a comment, an edit, a status), which they expect on the next page they read;
    // within LIST_VOTE_STALENESS_MS for votes, which come in a stream and would otherwise empty the
    // top and trending pages many times a second (a board's counts may lag a vote by that much;
    // tallies are exact at once). This runs before the runner reports the batch applied, so a
    // command that waits for its own events finds the pages it changed gone.
    const onApplied = async (events: readonly RecordedEvent[]) => {
      const changes = listChangesOf(events);
      this.votedPages.add(changes.voted);
      if (changes.now) await listCache.invalidate(changes.now === 'all' ? undefined : changes.now);
    };
    this.runner = new ProjectionRunner({ projection, eventStore, db, logger, schema: schema ?? undefined, onApplied });
    this.schema = projectionSchema(this.runner.schema);
    this.votedPages = new VotedPagesInvalidation({ cache: listCache, db, schema: () => this.schema, withinMs: LIST_VOTE_STALENESS_MS, logger });
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
    // A process stopped between a commit and its invalidation (kill -9, or votes still gathered)
    // left pages behind that no later change may reach: they go before this one applies anything.
    await this.listCache.invalidate().catch((error: unknown) => this.logger.warn({ err: error }, 'the board list cache could not be emptied at start; its pages expire on their own'));
    await this.runner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.votedPages.flush();
  }

  /** Returns once the read model shows what a command appended (or after a timeout: see {@link waitUntilApplied}). */
  async catchUpWith(appended: { readonly position: Position | undefined }): Promise<void> {
    if (appended.position) await waitUntilApplied(this.runner, appended.position, READ_YOUR_WRITES_TIMEOUT_MS);
  }
}
