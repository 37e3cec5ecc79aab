import type { EventStore, Position, ReadAllOptions } from '@frm/event-store';
import { buildCopiesUpTo, buildCopyUpTo, checksumProjection, type CopiesUpToProgress, type ProjectionDefinition } from '../src';
import { readCheckpoint } from '../src/checkpoint-table';
import { eventCountsProjection, eventCountsRefusing } from '../src/testing/event-counts.projection';
import { counted } from './support/counted-events';
import { eachTestBed, engines, schemaExists, type TestBed } from './support/test-bed';

/** The same counts over the events the other projection skips: the two take disjoint event types. */
const otherCounts: ProjectionDefinition = { ...eventCountsProjection, name: 'other_counts', eventTypePrefixes: ['Other.'] };
describe.each(engines)('buildCopiesUpTo on $name', (engine) => {
  let bed: TestBed;
  let reads: number;
  /** The test bed's store, counting its reads of the whole store. */
  let store: EventStore;

  eachTestBed(engine, (fresh) => (bed = fresh));
  beforeEach(() => {
    reads = 0;
    store = Object.create(bed.eventStore, {
      readAll: {
        value: (options: ReadAllOptions) => {
          reads += 1;
          return bed.eventStore.readAll(options);
        },
      },
    });
  });

  /** `streams` streams of `perStream` events, alternating the two projections' types, with weights 0, 1, 2, … */
  const appendHistory = async (streams: number, perStream: number, prefix = 'mixed') => {
    for (let s = 0; s < streams; s++) {
      await bed.eventStore.appendToStream(
        `${prefix}-${s}`,
        Array.from({ length: perStream }, (_, i) => counted(i % 2 === 0 ? 'Counted.Vote' : 'Other.Note', { weight: s * perStream + i })),
        { expectedRevision: 'no_stream' },
      );
    }
  };
  const checksum = async (schema: string) => (await checksumProjection(bed.db, schema)).checksum;

  it('builds every copy from one read of the store, each equal to a copy built alone', async () => {
    await appendHistory(6, 9);
    const head = (await bed.eventStore.headPosition()) as Position;
    const progress: CopiesUpToProgress[] = [];

    const result = await buildCopiesUpTo({
      copies: [
        { projection: eventCountsProjection, schema: bed.schema('counted') },
        { projection: otherCounts, schema: bed.schema('other') },
      ],
      eventStore: store,
      db: bed.db,
      batchSize: 10,
      onProgress: (p) => progress.push(p),
    });

    expect(reads).toBe(1);
    expect(result.checkpoint).toEqual(head);
    expect(result.eventsApplied).toEqual({ event_counts: 6 * 5, other_counts: 6 * 4 });
    await buildCopyUpTo({ projection: eventCountsProjection, eventStore: bed.eventStore, db: bed.db, schema: bed.schema('counted_alone') });
    await buildCopyUpTo({ projection: otherCounts, eventStore: bed.eventStore, db: bed.db, schema: bed.schema('other_alone') });
    expect(await checksum(bed.schema('counted'))).toBe(await checksum(bed.schema('counted_alone')));
    expect(await checksum(bed.schema('other'))).toBe(await checksum(bed.schema('other_alone')));
    expect(await checksum(bed.schema('counted'))).not.toBe(await checksum(bed.schema('other')));
    for (const schema of [bed.schema('counted'), bed.schema('other')]) expect((await readCheckpoint(bed.db, schema)).position).toEqual(head);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toMatchObject({ eventsApplied: { event_counts: 30, other_counts: 24 }, readThrough: head, remaining: 0n });
  });

  it('resumes copies standing at different positions, applying each event to each copy once', async () => {
    await appendHistory(2, 10, 'first');
    const early = (await bed.eventStore.headPosition()) as Position;
    await appendHistory(2, 10, 'second');
    const later = (await bed.eventStore.headPosition()) as Position;
    await appendHistory(2, 10, 'third');
    const counted = bed.schema('counted');
    const other = bed.schema('other');
    await buildCopyUpTo({ projection: eventCountsProjection, eventStore: bed.eventStore, db: bed.db, schema: counted, until: early });
    await buildCopyUpTo({ projection: otherCounts, eventStore: bed.eventStore, db: bed.db, schema: other, until: later });

    const resumed = await buildCopiesUpTo({
      copies: [
        { projection: eventCountsProjection, schema: counted },
        { projection: otherCounts, schema: other },
      ],
      eventStore: bed.eventStore,
      db: bed.db,
      resume: true,
      batchSize: 7,
    });

    expect(resumed.eventsApplied).toEqual({ event_counts: 4 * 5, other_counts: 2 * 5 });
    await buildCopyUpTo({ projection: eventCountsProjection, eventStore: bed.eventStore, db: bed.db, schema: bed.schema('counted_alone') });
    await buildCopyUpTo({ projection: otherCounts, eventStore: bed.eventStore, db: bed.db, schema: bed.schema('other_alone') });
    expect(await checksum(counted)).toBe(await checksum(bed.schema('counted_alone')));
    expect(await checksum(other)).toBe(await checksum(bed.schema('other_alone')));
  });

  it('fails with the first copy that fails, after the others settle, and drops every copy it created', async () => {
    await appendHistory(4, 10);
    const schemas = [bed.schema('fine'), bed.schema('failing')];
    const build = buildCopiesUpTo({
      copies: [
        { projection: otherCounts, schema: schemas[0] as string },
        { projection: eventCountsRefusing(12), schema: schemas[1] as string },
      ],
      eventStore: bed.eventStore,
      db: bed.db,
      batchSize: 5,
    });
    await expect(build).rejects.toThrow('weight 12 is refused');
    for (const schema of schemas) expect(await schemaExists(bed.db, schema)).toBe(false);
  });

  it('drops every copy it created when cancelled', async () => {
    await appendHistory(6, 20);
    const schemas = [bed.schema('a'), bed.schema('b')];
    const cancel = new AbortController();
    const build = buildCopiesUpTo({
      copies: [
        { projection: eventCountsProjection, schema: schemas[0] as string },
        { projection: otherCounts, schema: schemas[1] as string },
      ],
      eventStore: bed.eventStore,
      db: bed.db,
      batchSize: 10,
      signal: cancel.signal,
      onProgress: () => cancel.abort(new Error('stopped by the test')),
    });
    await expect(build).rejects.toThrow('stopped by the test');
    for (const schema of schemas) expect(await schemaExists(bed.db, schema)).toBe(false);
  });

  it('builds unlogged copies when asked (scratch: no WAL), logged ones otherwise', async () => {
    await appendHistory(2, 6);
    const persistenceOf = async (schema: string) =>
      (
        await bed.db.query<{ persistence: string }>(
          `select distinct c.relpersistence as persistence from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind in ('r', 'i')`,
          [schema],
        )
      ).map((row) => row.persistence);
    const copies = (schema: string) => [{ projection: eventCountsProjection, schema }];
    await buildCopiesUpTo({ copies: copies(bed.schema('scratch')), eventStore: bed.eventStore, db: bed.db, unlogged: true });
    await buildCopiesUpTo({ copies: copies(bed.schema('serving')), eventStore: bed.eventStore, db: bed.db });
    expect(await persistenceOf(bed.schema('scratch'))).toEqual(['u']);
    expect(await persistenceOf(bed.schema('serving'))).toEqual(['p']);
    expect(await checksum(bed.schema('scratch'))).toBe(await checksum(bed.schema('serving')));
  });

  it('refuses two copies in one schema before creating anything', async () => {
    const schema = bed.schema('shared');
    const build = buildCopiesUpTo({
      copies: [
        { projection: eventCountsProjection, schema },
        { projection: otherCounts, schema },
      ],
      eventStore: bed.eventStore,
      db: bed.db,
    });
    await expect(build).rejects.toThrow(`Each copy needs a schema of its own; given ${schema}, ${schema}`);
    expect(await schemaExists(bed.db, schema)).toBe(false);
  });
});
