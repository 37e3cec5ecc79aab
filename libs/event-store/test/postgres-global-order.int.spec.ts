import { randomUUID } from 'node:crypto';
import { openPgDatabase, quoteIdent, type SqlDatabase } from '@frm/postgres';
import { EventIdReusedError, InvalidEventError, openPostgresEventStore, withSchemaValidation, type EventStore } from '../src';
import { collectSubscription } from '../src/testing';

const serverUrl = process.env['FRM_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const schema = `es_${randomUUID().replace(/-/g, '')}`;
const event = (type: string) => ({ id: randomUUID(), type, data: { at: Date.now() } });

let db: SqlDatabase;
let store: EventStore;

beforeAll(async () => {
  db = await openPgDatabase({ connectionString: serverUrl });
  store = await openPostgresEventStore(db, { schema });
});
afterAll(async () => {
  await store.close();
  await db.exec(`drop schema ${quoteIdent(schema)} cascade`);
  await db.close();
});

/** Appends `slowEvent` in a transaction that stays open until `commit()` is called. */
async function appendHeldOpen(slowEvent: ReturnType<typeof event>): Promise<{ commit(): void; committed: Promise<void> }> {
  let commit: () => void = () => undefined;
  const mayCommit = new Promise<void>((resolve) => (commit = resolve));
  let appended: () => void = () => undefined;
  const hasAppended = new Promise<void>((resolve) => (appended = resolve));
  const committed = db.transaction(async (tx) => {
    await tx.query(`select * from ${quoteIdent(schema)}.append_to_stream($1, 'no_stream', $2::jsonb)`, [
      `slow-${randomUUID()}`,
      JSON.stringify([slowEvent]),
    ]);
    appended();
    await mayCommit;
  });
  await hasAppended;
  return { commit, committed };
}

describe('global order on a Postgres server', () => {
  it('holds back events committed after a still-open transaction, then delivers both in order', async () => {
    const collected = collectSubscription(store, { after: 'end', filter: { eventTypePrefixes: ['Late.'] } });
    try {
      const slow = event('Late.Slow');
      const { commit: releaseSlow, committed: slowTransaction } = await appendHeldOpen(slow);
      const fast = event('Late.Fast');
      await store.appendToStream(`fast-${randomUUID()}`, [fast], { expectedRevision: 'no_stream' });

      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(collected.events).toEqual([]);

      releaseSlow();
      await slowTransaction;
      await collected.until((events) => events.length >= 2);
      expect(collected.events.map((e) => e.id)).toEqual([slow.id, fast.id]);
    } finally {
      await collected.subscription.stop();
    }
  });

  it('readAll ends only after the events of a transaction that was open when it began, even when it commits between a read and the check', async () => {
    const stream = `race-${randomUUID()}`;
    let slow: Awaited<ReturnType<typeof appendHeldOpen>> | undefined;
    // The slow transaction commits right after readAll's next page comes back empty (held back).
    const watched: SqlDatabase = new Proxy(db, {
      get(target, key) {
        if (key !== 'query') return Reflect.get(target, key);
        return async (...args: Parameters<SqlDatabase['query']>) => {
          const rows = await target.query(...args);
          if (slow && String(args[0]).includes('order by transaction_id, global_position') && rows.length === 0) {
            const holding = slow;
            slow = undefined;
            holding.commit();
            await holding.committed;
          }
          return rows;
        };
      },
    });
    // Opened first: opening creates the schema's tables if missing, which waits for open writers.
    const watchedStore = await openPostgresEventStore(watched, { schema });
    await store.appendToStream(stream, [event('Race.First')], { expectedRevision: 'no_stream' });
    // An older transaction still open holds back every event appended after it began.
    slow = await appendHeldOpen(event('Race.Slow'));
    for (let i = 0; i < 5; i++) await store.appendToStream(stream, [event('Race.Later')], { expectedRevision: 'any' });
    try {
      const types: string[] = [];
      for await (const page of watchedStore.readAll({ filter: { eventTypePrefixes: ['Race.'] }, pageSize: 100 })) types.push(...page.map((e) => e.type));
      expect(types.filter((type) => type === 'Race.Later')).toHaveLength(5);
      expect(types).toContain('Race.Slow');
    } finally {
      await watchedStore.close();
    }
  });

  it('refuses an event id that already belongs to another stream', async () => {
    const reused = event('Reused');
    await store.appendToStream(`first-${randomUUID()}`, [reused], { expectedRevision: 'no_stream' });
    const other = `second-${randomUUID()}`;
    await expect(store.appendToStream(other, [reused], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(EventIdReusedError);
    expect(await store.readStream(other)).toEqual([]);
  });

  it('writes nothing when a schema validator refuses one event of an append', async () => {
    const validating = withSchemaValidation(store, {
      validate(type: string, data: unknown) {
        if (type === 'Checked' && typeof (data as { title?: unknown }).title !== 'string') {
          throw new Error('Checked.title must be a string');
        }
      },
    });
    const stream = `validated-${randomUUID()}`;
    const error = await validating
      .appendToStream(stream, [{ ...event('Checked'), data: { title: 'ok' } }, { ...event('Checked'), data: { title: 42 } }], {
        expectedRevision: 'no_stream',
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidEventError);
    expect((error as Error).message).toContain('Checked.title must be a string');
    expect(await store.readStream(stream)).toEqual([]);
  });

  it('from the end, delivers a transaction that was still running when the subscription started, and no history', async () => {
    const before = event('FromEnd.Before');
    await store.appendToStream(`before-${randomUUID()}`, [before], { expectedRevision: 'no_stream' });
    const slow = event('FromEnd.Slow');
    const { commit: releaseSlow, committed: slowTransaction } = await appendHeldOpen(slow);
    const committedMeanwhile = event('FromEnd.Committed');
    await store.appendToStream(`meanwhile-${randomUUID()}`, [committedMeanwhile], { expectedRevision: 'no_stream' });

    const collected = collectSubscription(store, { after: 'end', filter: { eventTypePrefixes: ['FromEnd.'] } });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      releaseSlow();
      await slowTransaction;
      const after = event('FromEnd.After');
      await store.appendToStream(`after-${randomUUID()}`, [after], { expectedRevision: 'no_stream' });
      await collected.until((events) => events.some((e) => e.id === after.id));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(collected.events.map((e) => e.id)).toEqual([slow.id, after.id]);
    } finally {
      await collected.subscription.stop();
    }
  });
});

