import { Inject, Injectable, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { EventStore } from '@frm/event-store';
import { UnavailableError } from '@frm/grpc-errors';
import type { Logger } from '@frm/logging';
import type { SqlDatabase } from '@frm/postgres';
import { ProjectionRunner, projectionSchema, type ProjectionSchema } from '@frm/projections';
import { COMPLIANCE_DATABASE, EVENT_STORE, LOGGER, SUBJECT_INDEX_SCHEMA } from '../compliance.tokens';
import { subjectIndexProjection } from './subject-index.projection';

// An erasure or export must see every stream up to the moment it was asked; a few seconds is
// plenty for a healthy projection, and a clear UNAVAILABLE beats a silently incomplete answer.
const CATCH_UP_TIMEOUT_MS = 10_000;

/** Keeps the subject index up to date while the service runs, and answers which streams are a subject's. */
@Injectable()
export class SubjectIndex implements OnModuleInit, BeforeApplicationShutdown {
  readonly runner: ProjectionRunner;
  private readonly schema: ProjectionSchema;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(COMPLIANCE_DATABASE) private readonly db: SqlDatabase,
    @Inject(LOGGER) logger: Logger,
    @Inject(SUBJECT_INDEX_SCHEMA) schema: string | null,
  ) {
    this.runner = new ProjectionRunner({ projection: subjectIndexProjection, eventStore, db, logger, schema: schema ?? undefined });
    this.schema = projectionSchema(this.runner.schema);
  }

  async onModuleInit(): Promise<void> {
    await this.runner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }

  /**
   * The streams the subject acted in, once the index has caught up with every event stored when asked.
   * @throws UnavailableError when the index cannot catch up in time
   */
  async streamsOf(subjectId: string): Promise<string[]> {
    const head = await this.eventStore.headPosition();
    if (head && !(await this.runner.waitUntilApplied(head, CATCH_UP_TIMEOUT_MS))) {
      throw new UnavailableError('the subject index is still catching up with the event store; try again in a minute');
    }
    const rows = await this.db.query<{ stream_id: string }>(
      `select stream_id from ${this.schema.table('subject_streams')} where subject_id = $1 order by first_seen_at, stream_id`,
      [subjectId],
    );
    return rows.map((row) => row.stream_id);
  }
}
