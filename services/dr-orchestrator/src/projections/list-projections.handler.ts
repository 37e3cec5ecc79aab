import { Inject, Injectable } from '@nestjs/common';
import type { frmV1 } from '@frm/contracts';
import { formatPosition, type EventStore } from '@frm/event-store';
import type { SqlDatabase } from '@frm/postgres';
import { projectionHealth } from '@frm/projections';
import { DATABASE, EVENT_STORE } from '../dr-orchestrator.tokens';
import { ProjectionCatalogue } from './projection-catalogue';
import { projectionInfoOf } from './recovery.messages';

@Injectable()
export class ListProjectionsHandler {
  constructor(
    private readonly catalogue: ProjectionCatalogue,
    @Inject(DATABASE) private readonly db: SqlDatabase,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  async execute(): Promise<frmV1.ListProjectionsResponse> {
    const now = new Date();
    const rows = [];
    for (const projection of this.catalogue.list()) {
      rows.push(await projectionHealth(this.db, this.eventStore, projection, this.catalogue.liveSchemaOf(projection.name), now));
    }
    const head = await this.eventStore.headPosition();
    return { projections: rows.map(projectionInfoOf), head: head ? formatPosition(head) : '' };
  }
}
