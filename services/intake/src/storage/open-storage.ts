import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { hideUrlPassword, type RunModeSettings } from '@frm/config';
import { openPgDatabase, openPgliteDatabase, type SqlDatabase } from '@frm/postgres';
import { lockDataDir } from './data-dir-lock';

/** Where the event store and the read models live, opened. */
export interface Storage {
  readonly db: SqlDatabase;
  /** For the start-up line: "PGlite in /srv/frm/.data" or "Postgres 127.0.0.1:5432/frm". */
  readonly description: string;
  close(): Promise<void>;
}

/** A setting asks for a mode this build cannot run yet. */
export class UnsupportedStorageError extends Error {
  override readonly name = 'UnsupportedStorageError';
}

/**
 * Opens the database the settings choose: the server Postgres at FRM_DATABASE_URL, or else the
 * embedded PGlite under FRM_DATA_DIR (locked against a second process). Kafka and Redis
 * settings are not read here: nothing in this process uses them yet.
 */
export async function openStorage(
  settings: Pick<RunModeSettings, 'FRM_DATA_DIR' | 'FRM_DATABASE_URL' | 'EVENTSTORE_CONNECTION_STRING'>,
): Promise<Storage> {
  if (settings.EVENTSTORE_CONNECTION_STRING !== undefined) {
    throw new UnsupportedStorageError(
      'EVENTSTORE_CONNECTION_STRING is set, but the intake service keeps its events in Postgres for now; ' +
        'unset it (and set FRM_DATABASE_URL for a server Postgres)',
    );
  }
  if (settings.FRM_DATABASE_URL !== undefined) {
    const db = await openPgDatabase({ connectionString: settings.FRM_DATABASE_URL, applicationName: 'frm' });
    return { db, description: `Postgres ${hideUrlPassword(settings.FRM_DATABASE_URL)}`, close: () => db.close() };
  }
  const dataDir = resolve(settings.FRM_DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  const unlock = await lockDataDir(dataDir);
  try {
    const db = await openPgliteDatabase({ dataDir: join(dataDir, 'pglite') });
    return {
      db,
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
