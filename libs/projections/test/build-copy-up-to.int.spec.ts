import type { EventStore, Position, ReadAllOptions } from '@frm/event-store';
import { buildCopyUpTo, checksumProjection, compareCopies, type CopyUpToProgress } from '../src';
import { readCheckpoint } from '../src/checkpoint-table';
import { eventCountsProjection } from '../src/testing/event-counts.projection';
import { counted, expectCountsOf, readCounts, Tally } from './support/counted-events';
import { notedThenSettled, readSettled } from './support/noted-then-settled';
import { eachTestBed, engines, schemaExists, type TestBed } from './support/test-bed';

describe.each(engines)('buildCopyUpTo on $name', (engine) => {
  let bed: TestBed;
  let tally: Tally;

  eachTestBed(engine, (fresh) => (bed = fresh));
  beforeEach(async () => {
    tally = new Tally();
  });

  /** Appends `streams` × `perStream` events, every fourth of a type the projection skips. */
  const appendHistory = async (streams: number, perStream: number, prefix = 'vote') => {
    for (let s = 0; s < streams; s++) {
      await tally.append(
        bed.eventStore,
        `${prefix}-${s}`,
        Array.from({ length: perStream }, (_, i) => (i % 4 === 3 ? counted('Other.Skipped') : counted('Counted.Vote', { weight: i }))),
      );
    }
  };

  it('builds a copy equal to the one a runner keeps, its checkpoint at the head', async () => {
    await appendHistory(8, 25);
    const runner = bed.runner({ projection: eventCountsProjection, schema: bed.schema('live'), batchSize: 30 });
    await runner.start();
    await bed.caughtUp(runner);
    const head = (await bed.eventStore.headPosition()) as Position;

    const progress: CopyUpToProgress[] = [];
    const result = await buildCopyUpTo({
      projection: eventCountsProjection,
      eventStore: bed.eventStore,
      db: bed.db,
      schema: bed.schema('copy'),
      batchSize: 40,
      onProgress: (p) => progress.push(p),
    });

    expect(result).toMatchObject({ projection: 'event_counts', schema: bed.schema('copy'), checkpoint: head, eventsApplied: 8 * 19 });
    expect((await readCheckpoint(bed.db, bed.schema('copy'))).position).toEqual(head);
    const report = await compareCopies(bed.db, 'event_counts', runner.schema, bed.schema('copy'), head);
    expect(report.differences).toEqual([]);
    expect((await checksumProjection(bed.db, bed.schema('copy'))).checksum).toBe((await checksumProjection(bed.db, runner.schema)).checksum);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toMatchObject({ eventsApplied: 8 * 19, remaining: 0n });
  });

  it('does the follow-up of each batch in the batch itself: the copy it leaves holds no work left', async () => {
    await appendHistory(3, 8);
    const schema = bed.schema('copy');

    await buildCopyUpTo({ projection: notedThenSettled, eventStore: bed.eventStore, db: bed.db, schema, batchSize: 5 });

    const counted = 3 * 6;
    expect(await readSettled(bed.db, schema)).toEqual({ noted: 0, settled: counted, settledInTheirBatch: counted });
  });

  it('stops exactly at `until` while the store grows past it, and carries on from there when resumed', async () => {
    await appendHistory(4, 10);
    const atUntil = new Tally();
    for (const [stream, events] of tally.streams) atUntil.streams.set(stream, events);
    for (const [type, counts] of tally.types) atUntil.types.set(type, { ...counts });
    // `until` is a skipped event's position, so the checkpoint must come from `until`, not the last event applied.
    await tally.append(bed.eventStore, 'other', [counted('Other.Skipped')]);
    const until = (await bed.eventStore.headPosition()) as Position;
    await appendHistory(3, 10, 'later');

    const schema = bed.schema('frozen');
    const frozen = await buildCopyUpTo({ projection: eventCountsProjection, eventStore: bed.eventStore, db: bed.db, schema, until, batchSize: 7 });
    expect(frozen.checkpoint).toEqual(until);
    expect(frozen.eventsApplied).toBe(atUntil.total);
    expect(await readCounts(bed.db, schema)).toEqual(expectCountsOf(atUntil));
    expect((await readCheckpoint(bed.db, schema)).position).toEqual(until);

    const resumed = await buildCopyUpTo({ projection: eventCountsProjection, eventStore: bed.eventStore, db: bed.db, schema, resume: true });
    expect(resumed.eventsApplied).toBe(tally.total - atUntil.total);
    expect(await readCounts(bed.db, schema)).toEqual(expectCountsOf(tally));
  });

  it('reads again when a read of the store ends before the events it should have delivered', async () => {
    await appendHistory(5, 12);
    // As Postgres readAll may when a transaction that held events back ends during the read.
    let reads = 0;
    const endsEarlyOnce: EventStore = Object.create(bed.eventStore, {
      readAll: {
        value: async function* (options: ReadAllOptions) {
          const cutShort = reads++ === 0;
          for await (const page of bed.eventStore.readAll(options)) {
            yield page;
            if (cutShort) return;
          }
        },
      },
    });
    const schema = bed.schema('reread');
    const result = await buildCopyUpTo({ projection: eventCountsProjection, eventStore: endsEarlyOnce, db: bed.db, schema, batchSize: 10 });
    expect(result.eventsApplied).toBe(tally.total);
    expect(await readCounts(bed.db, schema)).toEqual(expectCountsOf(tally));
    expect(reads).toBe(3);
  });

  it('builds an empty copy at the start of an empty store', async () => {
    const schema = bed.schema('empty');
    const result = await buildCopyUpTo({ projection: eventCountsProjection, eventStore: bed.eventStore, db: bed.db, schema });
    expect(result).toMatchObject({ checkpoint: { commit: 0n, prepare: 0n }, eventsApplied: 0 });
    expect(await readCounts(bed.db, schema)).toEqual(expectCountsOf(tally));
  });

  it('refuses a position past the head, and a schema that exists, leaving that schema as it was', async () => {
    await appendHistory(1, 4);
    const head = (await bed.eventStore.headPosition()) as Position;
    const schema = bed.schema('taken');
    const options = { projection: eventCountsProjection, eventStore: bed.eventStore, db: bed.db, schema };
    await expect(buildCopyUpTo({ ...options, until: { commit: head.commit + 1n, prepare: head.prepare } })).rejects.toThrow(/the event store ends at/);
    expect(await schemaExists(bed.db, schema)).toBe(false);

    await buildCopyUpTo(options);
    await expect(buildCopyUpTo(options)).rejects.toThrow(`Schema "${schema}" exists already`);
    expect(await readCounts(bed.db, schema)).toEqual(expectCountsOf(tally));
  });

  it('drops the copy it created when cancelled', async () => {
    await appendHistory(6, 20);
    const schema = bed.schema('cancelled');
    const cancel = new AbortController();
    const build = buildCopyUpTo({
      projection: eventCountsProjection,
      eventStore: bed.eventStore,
      db: bed.db,
      schema,
      batchSize: 10,
      signal: cancel.signal,
      onProgress: () => cancel.abort(new Error('stopped by the test')),
    });
    await expect(build).rejects.toThrow('stopped by the test');
    expect(await schemaExists(bed.db, schema)).toBe(false);
  });
});
