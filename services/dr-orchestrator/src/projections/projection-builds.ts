import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@frm/event-store';
import type { Logger } from '@frm/logging';
import type { SqlDatabase } from '@frm/postgres';
import { ProjectionRebuilder } from '@frm/projections';
import { ABANDONED_COPY_AFTER_MS, DATABASE, EVENT_STORE, LOGGER } from '../dr-orchestrator.tokens';
import { ProjectionCatalogue } from './projection-catalogue';

/** Rebuilders for the catalogue's projections, on the event store as their services read it. */
@Injectable()
export class ProjectionBuilds {
  constructor(
    readonly catalogue: ProjectionCatalogue,
    @Inject(DATABASE) private readonly db: SqlDatabase,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(ABANDONED_COPY_AFTER_MS) private readonly abandonedCopyAfterMs: number,
  ) {}

  /** NOT_FOUND for a name the catalogue does not know. */
  rebuilderOf(name: string): ProjectionRebuilder {
    const projection = this.catalogue.get(name);
    return new ProjectionRebuilder({
      projection,
      eventStore: this.eventStore,
      db: this.db,
      schema: this.catalogue.liveSchemaOf(projection.name),
      logger: this.logger,
      staleAfterMs: this.abandonedCopyAfterMs,
    });
  }
}
