import { testPglite, type TestPglite } from '@frm/testing';
import type { EventStore } from '../event-store.port';
import { openPostgresEventStore } from '../postgres/postgres-event-store';

export interface PgliteEventStore {
  readonly pg: TestPglite;
  /** The Postgres event store, in the database's default schema. */
  readonly store: EventStore;
  /** Closes the store, then the database. */
  cleanup(): Promise<void>;
}

/** An embedded PGlite database holding an event store: a projection test's history, in memory. */
export async function pgliteEventStore(): Promise<PgliteEventStore> {
  const pg = await testPglite();
  const store = await openPostgresEventStore(pg.db);
  return {
    pg,
    store,
    cleanup: async () => {
      await store.close();
      await pg.cleanup();
    },
  };
}
