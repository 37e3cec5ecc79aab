import type { EventStore, ReadAllOptions, RecordedEvent } from '@frm/event-store';
import type { SqlQueryable } from '@frm/postgres';
import { buildCopyUpTo, checksumProjection, type ProjectionDefinition } from '../src';
import { buildPendingReadIndexes, installProjection, PENDING_READ_INDEXES_TABLE } from '../src/install-projection';
import { eventCountsProjection } from '../src/testing/event-counts.projection';
import { counted, Tally } from './support/counted-events';
import { eachTestBed, engines, type TestBed } from './support/test-bed';

/** The example projection with an index only readers use: the busiest streams first. */
const withReadIndex: ProjectionDefinition = {
  ...eventCountsProjection,
  name: 'event_counts_indexed',
  readIndexSql: (schema) => [`create index busiest_streams on ${schema.table('stream_counts')} (events desc, stream_id)`],
};

async function indexesOf(q: SqlQueryable, schema: string): Promise<string[]> {
  const rows = await q.query<{ indexname: string }>(`select indexname from pg_indexes where schemaname = $1 order by indexname`, [schema]);
  return rows.map((row) => row.indexname);
}

async function markedPending(q: SqlQueryable, schema: string): Promise<boolean> {
  const [row] = await q.query<{ found: string | null }>(`select to_regclass($1)::text as found`, [`"${schema}".${PENDING_READ_INDEXES_TABLE}`]);
  return row?.found != null;
}

/** The store, with a look at the copy's indexes taken after each page of a read has been applied. */
function watchingBetweenPages(store: EventStore, look: () => Promise<void>): EventStore {
  return Object.assign(Object.create(store) as EventStore, {
    async *readAll(options: ReadAllOptions): AsyncIterable<RecordedEvent[]> {
      for await (const page of store.readAll(options)) {
        yield page;
        await look();
      }
    },
  });
}

describe.each(engines)('read indexes built after the history, on $name', (engine) => {
  let bed: TestBed;
  let tally: Tally;

  eachTestBed(engine, (fresh) => (bed = fresh));
  beforeEach(async () => {
    tally = new Tally();
    for (let s = 0; s < 6; s++) await tally.append(bed.eventStore, `vote-${s}`, Array.from({ length: 5 + s }, () => counted()));
  });

  it('a live copy installed by its runner has them from the start', async () => {
    const runner = bed.runner({ projection: withReadIndex, schema: bed.schema('live') });
    await runner.start();
    await bed.caughtUp(runner);
    expect(await indexesOf(bed.db, runner.schema)).toContain('busiest_streams');
    expect(await markedPending(bed.db, runner.schema)).toBe(false);
  });

  it('an installed copy that defers them is marked, and built once: the mark goes with the build', async () => {
    const schema = bed.schema('deferred');
    await bed.db.transaction((tx) => installProjection(tx, withReadIndex, schema, null, { deferReadIndexes: true }));
    expect(await indexesOf(bed.db, schema)).not.toContain('busiest_streams');
    expect(await markedPending(bed.db, schema)).toBe(true);

    expect(await buildPendingReadIndexes(bed.db, withReadIndex, schema)).toBe(true);
    expect(await indexesOf(bed.db, schema)).toContain('busiest_streams');
    expect(await markedPending(bed.db, schema)).toBe(false);
    // A second call (a resumed build) finds nothing to do and does not fail on the existing index.
    expect(await buildPendingReadIndexes(bed.db, withReadIndex, schema)).toBe(false);
  });

  it('a projection without read indexes leaves no mark', async () => {
    const schema = bed.schema('plain');
    await bed.db.transaction((tx) => installProjection(tx, eventCountsProjection, schema, null, { deferReadIndexes: true }));
    expect(await markedPending(bed.db, schema)).toBe(false);
  });

  it('buildCopyUpTo applies the history without them and ends with them, its rows and checksum those of a live copy', async () => {
    const schema = bed.schema('copy');
    const seen: boolean[] = [];
    const eventStore = watchingBetweenPages(bed.eventStore, async () => {
      seen.push((await indexesOf(bed.db, schema)).includes('busiest_streams'));
    });
    await buildCopyUpTo({ projection: withReadIndex, eventStore, db: bed.db, schema, batchSize: 10 });

    expect(seen.length).toBeGreaterThan(2);
    expect(seen.every((present) => !present)).toBe(true);
    expect(await indexesOf(bed.db, schema)).toContain('busiest_streams');
    expect(await markedPending(bed.db, schema)).toBe(false);

    const runner = bed.runner({ projection: withReadIndex, schema: bed.schema('live') });
    await runner.start();
    await bed.caughtUp(runner);
    expect((await checksumProjection(bed.db, schema)).checksum).toBe((await checksumProjection(bed.db, runner.schema)).checksum);
  });

  it('a rebuilt copy is swapped in with them', async () => {
    const runner = bed.runner({ projection: withReadIndex, schema: bed.schema('live') });
    await runner.start();
    await bed.caughtUp(runner);
    const before = await checksumProjection(bed.db, runner.schema);

    await bed.rebuilder({ projection: withReadIndex, schema: runner.schema, batchSize: 7 }).rebuild({ verify: { acceptDifferences: false } });

    expect(await indexesOf(bed.db, runner.schema)).toContain('busiest_streams');
    expect(await markedPending(bed.db, runner.schema)).toBe(false);
    expect((await checksumProjection(bed.db, runner.schema)).checksum).toBe(before.checksum);
  });
});
