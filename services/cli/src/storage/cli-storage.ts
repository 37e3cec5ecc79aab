import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadSettings, runModeSettings } from '@frm/config';
import type { EventStore } from '@frm/event-store';
import type { SqlDatabase } from '@frm/postgres';
import { DataDirInUseError, openStorage, type Storage } from '@frm/storage';
import { CliError } from '../cli-error';

/** The platform's database and its event store, opened the way the platform opens them. */
export interface CliStorage {
  readonly db: SqlDatabase;
  readonly eventStore: EventStore;
  /** "PGlite in /srv/frm/.data" or "Postgres 127.0.0.1:5432/frm". */
  readonly description: string;
  close(): Promise<void>;
}

export interface CliStorageOptions {
  eventStoreSchema: string;
}

/** The platform's Postgres alone (read models, audit log), for commands that need no event store. */
export interface CliDatabase {
  readonly db: SqlDatabase;
  /** "PGlite in /srv/frm/.data" or "Postgres 127.0.0.1:5432/frm". */
  readonly description: string;
  close(): Promise<void>;
}

/**
 * EventStoreDB with FRM_DATABASE_URL's Postgres, FRM_DATABASE_URL's server Postgres, or else the embedded PGlite under FRM_DATA_DIR. PGlite
 * allows one process at a time, so the embedded database is refused while the platform runs,
 * and while `frm` holds it the platform cannot start.
 */
export async function openCliStorage(options: CliStorageOptions): Promise<CliStorage> {
  const storage = await openPlatformStorage();
  try {
    const eventStore = await storage.openEventStore(options.eventStoreSchema);
    return {
      db: storage.db,
      eventStore,
      description: storage.description,
      async close() {
        try {
          await eventStore.close();
        } finally {
          await storage.close();
        }
      },
    };
  } catch (error) {
    await storage.close().catch(() => undefined);
    throw error;
  }
}

/** The database of {@link openCliStorage}, without opening (or creating) the event store. */
export async function openCliDatabase(): Promise<CliDatabase> {
  const storage = await openPlatformStorage();
  return { db: storage.db, description: storage.description, close: () => storage.close() };
}

async function openPlatformStorage(): Promise<Storage> {
  const settings = loadSettings(runModeSettings);
  if (settings.FRM_DATABASE_URL === undefined) await assertEmbeddedDataExists(resolve(settings.FRM_DATA_DIR));
  try {
    return await openStorage(settings);
  } catch (error) {
    if (error instanceof DataDirInUseError) {
      throw new CliError(
        `the platform holds the data folder ${resolve(settings.FRM_DATA_DIR)} and PGlite cannot be opened by two processes; ` +
          'stop `npm start` first, or run the platform on a server Postgres with FRM_DATABASE_URL',
      );
    }
    throw error;
  }
}

// Opening a folder that holds no database would quietly create an empty one and report on that.
async function assertEmbeddedDataExists(dataDir: string): Promise<void> {
  try {
    await access(join(dataDir, 'pglite'));
  } catch {
    throw new CliError(
      `no embedded database in ${dataDir}; run \`npm start\` once to create it, point FRM_DATA_DIR at the platform's data folder, ` +
        'or set FRM_DATABASE_URL for a server Postgres',
    );
  }
}
