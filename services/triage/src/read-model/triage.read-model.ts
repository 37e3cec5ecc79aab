import { Inject, Injectable, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { EventStore, Position } from '@frm/event-store';
import type { Logger } from '@frm/logging';
import type { SqlDatabase } from '@frm/postgres';
import { ProjectionRunner, projectionSchema, type ProjectionSchema } from '@frm/projections';
import { BackgroundWork, type Step } from '../background/background-work';
import { DuplicateMarker } from '../duplicates/duplicate-marker';
import { DerivedTables } from '../embeddings/derived-tables';
import { EmbeddingWorker } from '../embeddings/embedding-worker';
import type { TextModel } from '../embeddings/text-model';
import { SimilarRequestFinder } from '../similarity/similar-request-finder';
import { installSimilarityIndexes } from '../similarity/similarity-indexes';
import { DEFAULT_DERIVED_SCHEMA, type TriageConfig } from '../triage.config';
import { EVENT_STORE, LOGGER, READ_MODEL_DATABASE, TEXT_MODEL, TRIAGE_CONFIG } from '../triage.tokens';
import { READ_MODEL_HANDLE, type ReadModelHandle } from './read-model-handle';
import { TrendHalfLifeMismatchError } from './trend-half-life-mismatch.error';
import { triageProjection } from './triage.projection';

// Long enough for a busy database, short enough that a caller is not held by a stuck projection.
const CATCH_UP_TIMEOUT_MS = 2_000;

/**
 * Keeps the triage read model up to date while the service runs — the projection, and in the
 * background the embeddings and duplicate marks — and is where the service's queries start.
 */
@Injectable()
export class TriageReadModel implements OnModuleInit, BeforeApplicationShutdown {
  readonly runner: ProjectionRunner;
  readonly schema: ProjectionSchema;
  readonly derived: DerivedTables;
  readonly finder: SimilarRequestFinder;
  readonly embeddings: EmbeddingWorker | undefined;
  readonly marker: DuplicateMarker;
  readonly background: BackgroundWork;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_MODEL_DATABASE) readonly db: SqlDatabase,
    @Inject(LOGGER) logger: Logger,
    @Inject(TRIAGE_CONFIG) private readonly config: TriageConfig,
    @Inject(TEXT_MODEL) readonly model: TextModel,
    @Inject(READ_MODEL_HANDLE) handle: ReadModelHandle,
  ) {
    handle.readModel = this;
    this.runner = new ProjectionRunner({ projection: triageProjection(config.trendHalfLifeMs), eventStore, db, logger, schema: config.readModelSchema });
    this.schema = projectionSchema(this.runner.schema);
    this.derived = new DerivedTables(config.derivedSchema ?? DEFAULT_DERIVED_SCHEMA);
    const requests = this.schema.table('requests');
    this.finder = new SimilarRequestFinder(db, { requests, vectors: this.derived.vectors }, model, config.similarity);
    this.embeddings = model.embedder ? new EmbeddingWorker(db, requests, this.derived, model.embedder) : undefined;
    this.marker = new DuplicateMarker(db, requests, this.derived, this.finder, model, config.likelyDuplicateThreshold);
    const steps: Step[] = [...(this.embeddings ? [() => (this.embeddings as EmbeddingWorker).step()] : []), () => this.marker.step()];
    this.background = new BackgroundWork('triage embeddings and duplicate marks', steps, logger);
  }

  async onModuleInit(): Promise<void> {
    await this.derived.install(this.db);
    const requests = this.schema.table('requests');
    // Before the projection writes to the table, when it is there already: DDL waits for its writers, and they for it.
    const [found] = await this.db.query<{ there: boolean }>(`select to_regclass($1) is not null as there`, [requests]);
    if (found?.there) await installSimilarityIndexes(this.db, requests, { whileWritten: false });
    await this.runner.start();
    const [stored] = await this.db.query<{ trend_half_life_ms: string }>(`select trend_half_life_ms::text from ${this.schema.table('settings')}`);
    if (Number(stored?.trend_half_life_ms) !== this.config.trendHalfLifeMs) {
      await this.runner.stop();
      throw new TrendHalfLifeMismatchError(this.runner.schema, Number(stored?.trend_half_life_ms), this.config.trendHalfLifeMs);
    }
    if (!found?.there) await installSimilarityIndexes(this.db, requests, { whileWritten: true });
    await this.finder.preloadVectors(requests);
    if (this.config.backgroundWork !== false) this.background.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.background.stop();
    await this.runner.stop();
  }

  /** Whether the request exists; one submitted a moment ago may not be projected yet, so it catches up first. */
  async requestExists(featureRequestId: string): Promise<boolean> {
    const known = async () => (await this.db.query(`select 1 from ${this.schema.table('requests')} where id = $1`, [featureRequestId])).length > 0;
    if (await known()) return true;
    const head = await this.eventStore.headPosition();
    return head !== undefined && (await this.runner.waitUntilApplied(head, CATCH_UP_TIMEOUT_MS)) && (await known());
  }

  /** Read-your-writes: resolves once what was appended at `position` shows here (or the wait ran out). */
  async caughtUpWith(position: Position | undefined): Promise<void> {
    if (position) await this.runner.waitUntilApplied(position, CATCH_UP_TIMEOUT_MS);
  }

  /** Triage's "now": the time of the latest event it has read about any request; undefined before the first. */
  async clock(): Promise<Date | undefined> {
    const [row] = await this.db.query<{ at: Date | null }>(`select max(last_event_at) as at from ${this.schema.table('requests')}`);
    return row?.at ?? undefined;
  }

  /** Resolves once the background work has nothing left to do for what is projected now (tests, benchmarks, evaluation). */
  async settled(): Promise<void> {
    const head = await this.eventStore.headPosition();
    if (head) await this.runner.waitUntilApplied(head, 60_000);
    await this.background.untilIdle();
  }
}
