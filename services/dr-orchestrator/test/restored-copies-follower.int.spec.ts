import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { openPostgresEventStore, type EventStore, type Position } from '@frm/event-store';
import { openPgDatabase, type SqlDatabase } from '@frm/postgres';
import { buildCopiesUpTo, checksumProjection, type ProjectionDefinition } from '@frm/projections';
import { eventCountsProjection } from '@frm/projections/testing';
import { freshDatabase, type FreshDatabase } from '@frm/testing';
import { RestoredCopiesFollower } from '../src/drill/restored-copies-follower';

/** Refuses the event whose weight is 42, as a projection with a bug would. */
const refusesFortyTwo: ProjectionDefinition = {
  ...eventCountsProjection,
  name: 'refuses_forty_two',
  handleBatch: undefined,
  handle: (event, schema) => {
    if (event.data['weight'] === 42) throw new Error('forty-two is refused');
    return eventCountsProjection.handle(event, schema);
  },
};

describe('RestoredCopiesFollower (copies built while the restore imports)', () => {
  let database: FreshDatabase;
  let db: SqlDatabase;
  let store: EventStore;
  let written: number;

  beforeAll(async () => {
    database = await freshDatabase('follower');
    db = await openPgDatabase({ connectionString: database.url, maxConnections: 6 });
    store = await openPostgresEventStore(db);
  });
  afterAll(async () => {
    await store?.close();
    await db?.close();
    await database?.drop();
  });
  beforeEach(() => {
    written = 0;
  });

  /** Appends `batches` batches of `size` events one after the other, as the restore's import commits them. */
  async function importInBatches(batches: number, size: number): Promise<void> {
    for (let b = 0; b < batches; b++) {
      const events = Array.from({ length: size }, () => ({ id: randomUUID(), type: 'Counted.Vote', data: { weight: written++ } }));
      await store.appendToStream(`restored-${randomUUID()}`, events, { expectedRevision: 'no_stream' });
      await sleep(15);
    }
  }
  const follow = (schema: string, projection: ProjectionDefinition = eventCountsProjection) =>
    new RestoredCopiesFollower({ db, copies: [{ projection, schema }], eventStore: store, head: () => store.headPosition(), batchSize: 25, signal: new AbortController().signal, pollMs: 10 });

  it('applies events as they are restored; carried on to the end, its copy equals one built afterwards in one go', async () => {
    const schema = `follow_${randomUUID().slice(0, 8)}`;
    const follower = follow(schema);
    await importInBatches(30, 20);
    const applied = await follower.finish();

    // Most of the work was done while importing: only what the last round had not seen is left.
    expect(applied['event_counts']).toBeGreaterThan(0);
    const head = (await store.headPosition()) as Position;
    const tail = await buildCopiesUpTo({ copies: [{ projection: eventCountsProjection, schema }], eventStore: store, db, until: head, resume: true });
    expect((applied['event_counts'] ?? 0) + (tail.eventsApplied['event_counts'] ?? 0)).toBe(written);
    const reference = `reference_${randomUUID().slice(0, 8)}`;
    await buildCopiesUpTo({ copies: [{ projection: eventCountsProjection, schema: reference }], eventStore: store, db, until: head });
    expect((await checksumProjection(db, schema)).checksum).toBe((await checksumProjection(db, reference)).checksum);
    const [persistence] = await db.query<{ relpersistence: string }>(`select relpersistence from pg_class where oid = $1::regclass`, [`${schema}.type_counts`]);
    expect(persistence?.relpersistence).toBe('u');
  });

  it('reports the error that stopped a round when the restore ends', async () => {
    const follower = follow(`refused_${randomUUID().slice(0, 8)}`, refusesFortyTwo);
    await importInBatches(5, 20);
    // Let a round meet the refused event before the restore ends.
    await sleep(300);
    await expect(follower.finish()).rejects.toThrow('forty-two is refused');
  });

  it('stops quietly when the restore fails', async () => {
    const follower = follow(`cancelled_${randomUUID().slice(0, 8)}`);
    await importInBatches(3, 10);
    await expect(follower.cancel()).resolves.toBeUndefined();
  });
});
