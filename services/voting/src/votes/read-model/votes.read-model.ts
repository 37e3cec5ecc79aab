import { Inject, Injectable, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '@frm/event-store';
import type { Logger } from '@frm/logging';
import type { SqlDatabase } from '@frm/postgres';
import { ProjectionRunner, projectionSchema, type ProjectionSchema } from '@frm/projections';
import type { ReadCache } from '@frm/read-cache';
import { EVENT_STORE, LOGGER, READ_MODEL_DATABASE, READ_MODEL_SCHEMA, TALLY_CACHE } from '../../voting.tokens';
import { votesProjection } from './votes.projection';

export interface FeatureRequestRow {
  readonly id: string;
  readonly status: string;
  readonly author_id: string;
}

export interface TallyRow {
  readonly feature_request_id: string;
  readonly counted: string;
  readonly flagged: string;
  readonly weighted: number;
}

// Long enough for a busy database, short enough that a caller is not held by a stuck projection.
const CATCH_UP_TIMEOUT_MS = 2_000;
// A vote on a popular request need not read its status every time: the read model itself lags by
// about as much, so a status one second old decides no differently.
const REQUEST_CACHE_MS = 1_000;
const REQUEST_CACHE_SIZE = 10_000;

/** Keeps the votes read model up to date while the service runs, and answers from it. */
@Injectable()
export class VotesReadModel implements OnModuleInit, BeforeApplicationShutdown {
  readonly runner: ProjectionRunner;
  readonly schema: ProjectionSchema;
  private readonly recentRequests = new Map<string, { row: FeatureRequestRow; at: number }>();

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_MODEL_DATABASE) readonly db: SqlDatabase,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(READ_MODEL_SCHEMA) schema: string | null,
    @Inject(TALLY_CACHE) private readonly tallyCache: ReadCache,
  ) {
    // A batch changes the tallies of the requests its events name, and only those: they go before
    // the runner reports the batch applied, then the ones people are reading are read again at
    // once (write-through), so the next reader of a tally a vote just moved finds it in the cache.
    const onApplied = async (events: readonly RecordedEvent[]) => {
      const ids = featureRequestIdsOf(events);
      await tallyCache.invalidate({ scopes: ids });
      tallyCache.refresh(ids.map((id) => Buffer.from(id))).catch((error: unknown) => logger.warn({ err: error }, 'the tallies a batch changed could not be read again'));
    };
    this.runner = new ProjectionRunner({ projection: votesProjection, eventStore, db, logger, schema: schema ?? undefined, onApplied });
    this.schema = projectionSchema(this.runner.schema);
  }

  async onModuleInit(): Promise<void> {
    // A process stopped between a commit and its invalidation (kill -9) left tallies behind that no
    // later vote may reach: they go before this one applies anything.
    await this.tallyCache.invalidate().catch((error: unknown) => this.logger.warn({ err: error }, 'the tally cache could not be emptied at start; its tallies expire on their own'));
    await this.runner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }

  /** Which of `ids` are merged, and into what. */
  async mergedInto(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.query<{ id: string; merged_into_id: string }>(
      `select id::text as id, merged_into_id::text as merged_into_id from ${this.schema.table('feature_requests')}
       where id in (select value::uuid from jsonb_array_elements_text($1::jsonb)) and status = 'merged' and merged_into_id is not null`,
      [JSON.stringify(ids)],
    );
    return new Map(rows.map((row) => [row.id, row.merged_into_id]));
  }

  async featureRequest(id: string): Promise<FeatureRequestRow | undefined> {
    const rows = await this.db.query<FeatureRequestRow>(
      `select id, status, author_id from ${this.schema.table('feature_requests')} where id = $1`,
      [id],
      { preparedAs: `frm_voting_request_${this.runner.schema}` },
    );
    return rows[0];
  }

  /** Waits until this holds every event appended before the call; false when `timeoutMs` ran out first. */
  async catchUp(timeoutMs: number): Promise<boolean> {
    const head = await this.eventStore.headPosition();
    return head === undefined || this.runner.waitUntilApplied(head, timeoutMs);
  }

  /**
   * The request as this read model knows it; when it does not know it yet, first catches up with
   * everything in the store, since a request submitted a moment ago may not be projected yet.
   */
  async featureRequestCaughtUp(id: string): Promise<FeatureRequestRow | undefined> {
    const cached = this.recentRequests.get(id);
    if (cached && Date.now() - cached.at < REQUEST_CACHE_MS) return cached.row;
    let known = await this.featureRequest(id);
    if (!known && (await this.catchUp(CATCH_UP_TIMEOUT_MS))) known = await this.featureRequest(id);
    if (known) {
      if (this.recentRequests.size >= REQUEST_CACHE_SIZE) this.recentRequests.clear();
      this.recentRequests.set(id, { row: known, at: Date.now() });
    }
    return known;
  }

  async tally(featureRequestId: string): Promise<TallyRow | undefined> {
    const rows = await this.db.query<TallyRow>(
      `select feature_request_id, counted::text, flagged::text, weighted::float8 as weighted from ${this.schema.table('tallies')} where feature_request_id = $1`,
      [featureRequestId],
      { preparedAs: `frm_voting_tally_${this.runner.schema}` },
    );
    return rows[0];
  }
}

/** Every feature request an event names, in any field (`featureRequestId`, `targetFeatureRequestId`…). */
export function featureRequestIdsOf(events: readonly RecordedEvent[]): string[] {
  const ids = new Set<string>();
  for (const event of events) {
    for (const [field, value] of Object.entries(event.data)) {
      if (typeof value === 'string' && value !== '' && /featureRequestId$/i.test(field)) ids.add(value.toLowerCase());
    }
  }
  return [...ids];
}
