import { randomUUID } from 'node:crypto';
import { openPgDatabase, openPgliteDatabase, quoteIdent } from '@frm/postgres';
import { openPostgresEventStore } from '../src';
import { describeEventStoreContract } from '../src/testing';

const serverUrl = process.env['FRM_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

describeEventStoreContract('Postgres server (pg)', {
  async open() {
    const schema = `es_${randomUUID().replace(/-/g, '')}`;
    const db = await openPgDatabase({ connectionString: serverUrl, maxConnections: 20 });
    const store = await openPostgresEventStore(db, { schema });
    return {
      store,
      async dispose() {
        await store.close();
        await db.exec(`drop schema ${quoteIdent(schema)} cascade`);
        await db.close();
      },
    };
  },
});

describeEventStoreContract('embedded PGlite', {
  async open() {
    const db = await openPgliteDatabase();
    const store = await openPostgresEventStore(db);
    return {
      store,
      async dispose() {
        await store.close();
        await db.close();
      },
    };
  },
});
