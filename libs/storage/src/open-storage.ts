import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { hideUrlPassword, type RunModeSettings } from '@frm/config';
import { openEventStoreDbEventStore, openPostgresEventStore, type EventStore } from '@frm/event-store';
import { openPgDatabase, openPgliteDatabase, type SqlDatabase } from '@frm/postgres';
import { lockDataDir } from './data-dir-lock';

/** Where the event store and the read models live, opened. */
export interface Storage {
  /** Holds the read models, and the event store too unless it is EventStoreDB. */
  readonly db: SqlDatabase;
  /**
   * Opens the event store of the settings: tables in `schema` of `db` (default `event_store`), or
   * the EventStoreDB server of EVENTSTORE_CONNECTION_STRING (`schema` is then not used). Each
   * caller closes what it opened, before `close()`.
   */
  openEventStore(schema?: string): Promise<EventStore>;
  /** For the start-up line: "PGlite in /srv/frm/.data", "Postgres 127.0.0.1:5432/frm", or "EventStoreDB …, read models in Postgres …". */
  readonly description: string;
  close(): Promise<void>;
}

/** The run-mode settings (loadSettings(runModeSettings)) that say where the data lives. */
export type StorageSettings = Pick<RunModeSettings, 'FRM_DATA_DIR'> &
  Partial<Pick<RunModeSettings, 'FRM_DATABASE_URL' | 'FRM_DATABASE_POOL_MIN' | 'EVENTSTORE_CONNECTION_STRING'>>;

export const DEFAULT_EVENT_STORE_SCHEMA = 'event_store';

/**
 * Opens what the settings choose (DESIGN.md §4): with EVENTSTORE_CONNECTION_STRING, events in
 * EventStoreDB and read models in FRM_DATABASE_URL's Postgres (distributed); with FRM_DATABASE_URL
 * alone, both in that Postgres (local cluster); else both in the embedded PGlite under
 * FRM_DATA_DIR, locked against a second process. Kafka and Redis settings are not read here.
 * @throws InvalidStorageSettingsError when EventStoreDB is asked for without a Postgres for the read models
 */
export async function openStorage(settings: StorageSettings): Promise<Storage> {
  const { EVENTSTORE_CONNECTION_STRING: eventStoreDb, FRM_DATABASE_URL: databaseUrl } = settings;
  if (eventStoreDb !== undefined && databaseUrl === undefined) {
    throw new InvalidStorageSettingsError(
      'EVENTSTORE_CONNECTION_STRING is set but FRM_DATABASE_URL is not: the read models live in a server Postgres ' +
        'alongside EventStoreDB; set FRM_DATABASE_URL (e.g. postgres://frm:frm@postgres:5432/frm)',
    );
  }
  if (databaseUrl !== undefined) {
    const db = await openPgDatabase({ connectionString: databaseUrl, applicationName: 'frm', minConnections: settings.FRM_DATABASE_POOL_MIN });
    const postgres = `Postgres ${hideUrlPassword(databaseUrl)}`;
    if (eventStoreDb !== undefined) {
      return {
        db,
        openEventStore: () => openEventStoreDbEventStore(eventStoreDb),
        description: `EventStoreDB ${hideUrlPassword(eventStoreDb)}, read models in ${postgres}`,
        close: () => db.close(),
      };
    }
    return { db, openEventStore: postgresEventStoreIn(db), description: postgres, close: () => db.close() };
  }
  const dataDir = resolve(settings.FRM_DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  const unlock = await lockDataDir(dataDir);
  try {
    const db = await openPgliteDatabase({ dataDir: join(dataDir, 'pglite') });
    return {
      db,
      openEventStore: postgresEventStoreIn(db),
      description: `PGlite in ${dataDir}`,
      async close() {
        await db.close();
        await unlock();
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}

/** The settings ask for a combination that cannot run. */
export class InvalidStorageSettingsError extends Error {
  override readonly name = 'InvalidStorageSettingsError';
}

function postgresEventStoreIn(db: SqlDatabase): Storage['openEventStore'] {
  return (schema = DEFAULT_EVENT_STORE_SCHEMA) => openPostgresEventStore(db, { schema });
}
