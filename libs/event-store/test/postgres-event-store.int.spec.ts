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

describe('Postgres server: reading all while another transaction is open', () => {
  it('waits for a transaction that was open when the read began, then returns what committed behind it', async () => {
    const schema = `es_${randomUUID().replace(/-/g, '')}`;
    const db = await openPgDatabase({ connectionString: serverUrl, maxConnections: 4 });
    const store = await openPostgresEventStore(db, { schema });
    try {
      const event = (type: string) => ({ id: randomUUID(), type, data: {} });
      await store.appendToStream('held-a', [event('Before')], { expectedRevision: 'no_stream' });
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      // An open transaction with an id: every event committed after it is held back until it ends.
      const holding = db.transaction(async (tx) => {
        await tx.query('select pg_current_xact_id()');
        await released;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      await store.appendToStream('held-b', [event('Behind')], { expectedRevision: 'no_stream' });
      const reading = (async () => {
        const types: string[] = [];
        for await (const page of store.readAll()) types.push(...page.map((e) => e.type));
        return types;
      })();
      let finished = false;
      void reading.then(() => (finished = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(finished).toBe(false);
      release();
      await holding;
      expect(await reading).toEqual(['Before', 'Behind']);
    } finally {
      await store.close();
      await db.exec(`drop schema ${quoteIdent(schema)} cascade`);
      await db.close();
    }
  });
});
