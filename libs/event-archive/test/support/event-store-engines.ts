import { randomBytes } from 'node:crypto';
import {
  openPostgresEventImport,
  openPostgresEventStore,
  type EventImport,
  type EventStore,
} from '@frm/event-store';
import { openPgDatabase, openPgliteDatabase, quoteIdent, type SqlDatabase } from '@frm/postgres';
import { defaultTestDatabaseUrl } from '@frm/testing';

/** A store to archive and as many empty stores to restore into as a test wants, on one engine. */
export interface ArchiveTestStores {
  readonly source: EventStore;
  /** The schema that holds `source`'s tables. */
  readonly sourceSchema: string;
  readonly db: SqlDatabase;
  /** A new empty event store (and its import) in a schema of its own. */
  openTarget(): Promise<{ eventStore: EventStore; importer: EventImport; schema: string }>;
  dispose(): Promise<void>;
}

export interface ArchiveTestEngine {
  readonly name: string;
  open(): Promise<ArchiveTestStores>;
}

function schemaName(role: string): string {
  return `archive_${role}_${randomBytes(6).toString('hex')}`;
}

async function storesIn(db: SqlDatabase, closeDb: () => Promise<void>, dropSchemas: boolean): Promise<ArchiveTestStores> {
  const schemas = [schemaName('source')];
  const stores: EventStore[] = [];
  const source = await openPostgresEventStore(db, { schema: schemas[0] as string });
  stores.push(source);
  return {
    source,
    sourceSchema: schemas[0] as string,
    db,
    async openTarget() {
      const schema = schemaName('target');
      schemas.push(schema);
      const importer = await openPostgresEventImport(db, { schema });
      const eventStore = await openPostgresEventStore(db, { schema });
      stores.push(eventStore);
      return { eventStore, importer, schema };
    },
    async dispose() {
      await Promise.all(stores.map((store) => store.close()));
      if (dropSchemas) for (const schema of schemas) await db.exec(`drop schema if exists ${quoteIdent(schema)} cascade`);
      await closeDb();
    },
  };
}

const serverUrl = process.env['FRM_TEST_DATABASE_URL'] ?? defaultTestDatabaseUrl;

/** The server Postgres at FRM_TEST_DATABASE_URL (schemas of their own, dropped after) and the embedded PGlite (in memory). */
export const engines: readonly ArchiveTestEngine[] = [
  {
    name: 'Postgres server',
    async open() {
      const db = await openPgDatabase({ connectionString: serverUrl, maxConnections: 12, applicationName: 'event-archive-test' });
      return storesIn(db, () => db.close(), true);
    },
  },
  {
    name: 'PGlite',
    async open() {
      const db = await openPgliteDatabase();
      return storesIn(db, () => db.close(), false);
    },
  },
];
