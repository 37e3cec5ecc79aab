import { Inject, Injectable, type OnApplicationShutdown, type Provider, type Type } from '@nestjs/common';
import { loadEventSchemaRegistry } from '@frm/contracts';
import { openPostgresEventStore, withSchemaValidation, type EventStore } from '@frm/event-store';
import type { SqlDatabase } from '@frm/postgres';

export interface ServiceEventStoreOptions {
  /** Holds the event store's tables when `openEventStore` is absent. */
  readonly db: SqlDatabase;
  /** Opens the event store (Storage.openEventStore); absent: the tables in `eventStoreSchema` of `db`. */
  readonly openEventStore?: () => Promise<EventStore>;
  /** Default `event_store`. */
  readonly eventStoreSchema?: string;
}

/**
 * A service's event store under `token`: schema-validated, and closed after every module's own
 * shutdown hooks (the projections and processors that read it stop in those).
 */
export function serviceEventStoreProviders(token: symbol, options: ServiceEventStoreOptions): Provider[] {
  return [
    {
      provide: token,
      useFactory: async () =>
        withSchemaValidation(
          await (options.openEventStore ? options.openEventStore() : openPostgresEventStore(options.db, { schema: options.eventStoreSchema ?? 'event_store' })),
          loadEventSchemaRegistry(),
        ),
    },
    eventStoreCloser(token),
  ];
}

function eventStoreCloser(token: symbol): Type<OnApplicationShutdown> {
  @Injectable()
  class EventStoreCloser implements OnApplicationShutdown {
    constructor(@Inject(token) private readonly eventStore: EventStore) {}

    async onApplicationShutdown(): Promise<void> {
      await this.eventStore.close();
    }
  }
  return EventStoreCloser;
}
