import { randomUUID } from 'node:crypto';
import { quoteIdent } from '@frm/postgres';
import {
  ProjectionStoppedError,
  ProjectionVersionMismatchError,
  RebuildCancelledError,
  RebuildInProgressError,
  RebuildNotVerifiedError,
  checksumProjection,
  dropAbandonedCopies,
  projectionSchemaNames,
  type BuildProgress,
  type ProjectionRebuilder,
  type RebuildResult,
} from '../src';
import { readCheckpoint } from '../src/checkpoint-table';
import { installProjection } from '../src/install-projection';
import { eventCountsProjection } from '../src/testing/event-counts.projection';
import { repeatInBackground } from './support/background';
import { counted, expectCountsOf, readCounts, Tally } from './support/counted-events';
import { notedThenSettled, readSettled } from './support/noted-then-settled';
import { eachTestBed, engines, schemaExists, type TestBed } from './support/test-bed';

describe.each(engines)('ProjectionRebuilder on $name', (engine) => {
  let bed: TestBed;
  let tally: Tally;

  eachTestBed(engine, (fresh) => (bed = fresh));
  beforeEach(async () => {
    tally = new Tally();
  });

  const appendHistory = async (streams: number, perStream: number) => {
    for (let s = 0; s < streams; s++) {
      await tally.append(
        bed.eventStore,
        `vote-${s}`,
        Array.from({ length: perStream }, (_, i) => (i % 4 === 3 ? counted('Other.Skipped') : counted('Counted.Vote', { weight: i }))),
      );
    }
  };

  const liveRunner = async (label = 'live') => {
    const runner = bed.runner({ projection: eventCountsProjection, schema: bed.schema(label), batchSize: 20 });
    await runner.start();
    await bed.caughtUp(runner);
    return runner;
  };

  const leftovers = async (rebuilder: ProjectionRebuilder) => ({
    shadow: await schemaExists(bed.db, rebuilder.schemas.shadow),
    retired: await schemaExists(bed.db, rebuilder.schemas.retired),
    scratch: await schemaExists(bed.db, rebuilder.schemas.scratch),
  });
  const none = { shadow: false, retired: false, scratch: false };

  describe('rebuild', () => {
    it('swaps in a copy equal to the live one while events keep coming and reads keep answering', async () => {
      await appendHistory(6, 20);
      const live = await liveRunner();
      const control = await liveRunner('control');
      const rebuilder = bed.rebuilder({ projection: eventCountsProjection, schema: live.schema, batchSize: 100 });

      let stream = 0;
      const appender = repeatInBackground(() => tally.append(bed.eventStore, `late-${stream++ % 5}`, [counted(), counted('Counted.Late', { weight: 2 })]));
      const totals: number[] = [];
      const reader = repeatInBackground(async () => {
        const [row] = await bed.db.query<{ total: string }>(`select coalesce(sum(events), 0)::text as total from ${quoteIdent(live.schema)}.stream_counts`);
        totals.push(Number(row?.total));
      });
      const progress: BuildProgress[] = [];
      let result: RebuildResult;
      let appendedDuringRebuild: number;
      try {
        const appendedBefore = appender.steps;
        result = await rebuilder.rebuild({ onProgress: (p) => progress.push(p) });
        appendedDuringRebuild = appender.steps - appendedBefore;
      } finally {
        await appender.stop();
        const reads = await reader.stop();
        expect(reads.errors).toEqual([]);
      }

      expect(appendedDuringRebuild).toBeGreaterThan(0);
      expect(totals.length).toBeGreaterThanOrEqual(progress.length);
      // The swapped-in copy stands exactly where the live one stood: readers never see counts go back.
      expect(totals).toEqual([...totals].sort((a, b) => a - b));

      expect(progress.map((p) => p.phase)).toContain('building');
      expect(progress.at(-1)).toMatchObject({ phase: 'done', eventsApplied: result.eventsApplied });
      expect(progress.map((p) => p.eventsApplied)).toEqual([...progress.map((p) => p.eventsApplied)].sort((a, b) => a - b));
      expect(result).toMatchObject({ projection: 'event_counts', version: 1, schema: live.schema });
      expect(result.eventsApplied).toBeGreaterThanOrEqual(6 * 15);
      expect(await leftovers(rebuilder)).toEqual(none);

      // The live runner carries on on the new copy.
      await tally.append(bed.eventStore, 'after-swap', [counted(), counted()]);
      await bed.caughtUp(live);
      await bed.caughtUp(control);
      expect(await readCounts(bed.db, live.schema)).toEqual(expectCountsOf(tally));
      expect((await checksumProjection(bed.db, live.schema)).checksum).toBe((await checksumProjection(bed.db, control.schema)).checksum);
    });

    it('verifies before the swap: an equal copy is swapped with its report, a differing one is not unless the differences are accepted', async () => {
      await appendHistory(4, 10);
      const live = await liveRunner();
      const rebuilder = bed.rebuilder({ projection: eventCountsProjection, schema: live.schema });
      const equal = await rebuilder.rebuild({ verify: { acceptDifferences: false } });
      expect(equal.verification).toMatchObject({ matches: true, differences: [] });
      expect(equal.notComparedBecause).toBeUndefined();

      await live.stop();
      await bed.db.query(`update ${quoteIdent(live.schema)}.stream_counts set events = events + 5 where stream_id = 'vote-1'`);
      const damaged = await checksumProjection(bed.db, live.schema);
      const refusal = await rebuilder.rebuild({ verify: { acceptDifferences: false } }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(RebuildNotVerifiedError);
      expect((refusal as RebuildNotVerifiedError).message).toMatch(/differs from the live one in 1 table\(s\) \(stream_counts\)/);
      expect((refusal as RebuildNotVerifiedError).report.differences[0]).toMatchObject({ table: 'stream_counts', onlyInLive: [{ stream_id: 'vote-1', events: 13 }] });
      expect(await checksumProjection(bed.db, live.schema)).toEqual(damaged);
      expect(await leftovers(rebuilder)).toEqual(none);

      const repaired = await rebuilder.rebuild({ verify: { acceptDifferences: true } });
      expect(repaired.verification).toMatchObject({ matches: false, differences: [{ table: 'stream_counts' }] });
      expect(await readCounts(bed.db, live.schema)).toEqual(expectCountsOf(tally));
    });

    it('creates the live copy when there is none, and a runner carries on from it', async () => {
      await appendHistory(3, 8);
      const schema = bed.schema('fresh');
      const rebuilder = bed.rebuilder({ projection: eventCountsProjection, schema });

      const result = await rebuilder.rebuild();

      expect(result.eventsApplied).toBe(tally.total);
      expect(await readCounts(bed.db, schema)).toEqual(expectCountsOf(tally));
      const runner = bed.runner({ projection: eventCountsProjection, schema });
      await runner.start();
      await tally.append(bed.eventStore, 'vote-0', [counted()]);
      await bed.caughtUp(runner);
      expect(await readCounts(bed.db, schema)).toEqual(expectCountsOf(tally));
    });

    it('swaps in a copy whose follow-ups ran with their batches: no work is left in it', async () => {
      await appendHistory(3, 8);
      const schema = bed.schema('fresh');

      const result = await bed.rebuilder({ projection: notedThenSettled, schema }).rebuild();

      expect(await readSettled(bed.db, schema)).toEqual({ noted: 0, settled: result.eventsApplied, settledInTheirBatch: result.eventsApplied });
      expect(result.eventsApplied).toBeGreaterThan(0);
    });

    it('swaps in a new version: the runner of the old version steps down and the new one carries on', async () => {
      await appendHistory(3, 8);
      const old = await liveRunner();
      const next = { ...eventCountsProjection, version: 2 };

      await bed.rebuilder({ projection: next, schema: old.schema }).rebuild();
      await tally.append(bed.eventStore, 'vote-0', [counted()]);

      await expect(old.done).rejects.toBeInstanceOf(ProjectionVersionMismatchError);
      const runner = bed.runner({ projection: next, schema: old.schema });
      await runner.start();
      await bed.caughtUp(runner);
      expect(await readCounts(bed.db, old.schema)).toEqual(expectCountsOf(tally));
    });

    it('rebuilds from an empty event store', async () => {
      const live = await liveRunner();
      const result = await bed.rebuilder({ projection: eventCountsProjection, schema: live.schema }).rebuild();
      expect(result).toMatchObject({ eventsApplied: 0, checkpoint: { commit: 0n, prepare: 0n } });
      await tally.append(bed.eventStore, 'vote-0', [counted()]);
      await bed.caughtUp(live);
      expect(await readCounts(bed.db, live.schema)).toEqual(expectCountsOf(tally));
    });

    it('leaves the live copy as it was when cancelled', async () => {
      await appendHistory(6, 20);
      const live = await liveRunner();
      const before = await checksumProjection(bed.db, live.schema);
      const checkpointBefore = (await readCheckpoint(bed.db, live.schema)).position;
      const rebuilder = bed.rebuilder({ projection: eventCountsProjection, schema: live.schema, batchSize: 10 });
      const cancel = new AbortController();

      const outcome = await rebuilder
        .rebuild({ signal: cancel.signal, onProgress: (p) => p.phase === 'building' && cancel.abort() })
        .catch((e: unknown) => e);

      expect(outcome).toBeInstanceOf(RebuildCancelledError);
      expect((outcome as Error).message).toContain('the live copy was left untouched');
      expect(await checksumProjection(bed.db, live.schema)).toEqual(before);
      expect((await readCheckpoint(bed.db, live.schema)).position).toEqual(checkpointBefore);
      expect(await leftovers(rebuilder)).toEqual(none);

      const alreadyCancelled = await rebuilder.rebuild({ signal: AbortSignal.abort() }).catch((e: unknown) => e);
      expect(alreadyCancelled).toBeInstanceOf(RebuildCancelledError);
      expect(await checksumProjection(bed.db, live.schema)).toEqual(before);
    });

    it('refuses a second rebuild of the same projection while one runs', async () => {
      await appendHistory(4, 20);
      const live = await liveRunner();
      const first = bed.rebuilder({ projection: eventCountsProjection, schema: live.schema, batchSize: 5 });
      const second = bed.rebuilder({ projection: eventCountsProjection, schema: live.schema });
      let refusal: Promise<unknown> | undefined;

      await first.rebuild({ onProgress: () => (refusal ??= second.rebuild().catch((e: unknown) => e)) });

      const error = await refusal;
      expect(error).toBeInstanceOf(RebuildInProgressError);
      expect((error as Error).message).toContain(`Another rebuild of projection "event_counts" is writing schema "${first.schemas.shadow}"`);
      await bed.caughtUp(live);
      expect(await readCounts(bed.db, live.schema)).toEqual(expectCountsOf(tally));
      expect(await leftovers(first)).toEqual(none);
    });

    it('fails on an event it cannot apply, naming it, and leaves the live copy', async () => {
      await appendHistory(2, 5);
      const live = await liveRunner();
      const before = await checksumProjection(bed.db, live.schema);
      const bad = { ...counted('Counted.Vote'), id: randomUUID() };
      await tally.append(bed.eventStore, 'vote-0', [bad]);
      await bed.caughtUp(live);
      const afterBad = await checksumProjection(bed.db, live.schema);
      expect(afterBad).not.toEqual(before);
      const stricter = {
        ...eventCountsProjection,
        handle: (event: Parameters<typeof eventCountsProjection.handle>[0], schema: Parameters<typeof eventCountsProjection.handle>[1]) => {
          if (event.id === bad.id) throw new TypeError('refused by the new handler');
          return eventCountsProjection.handle(event, schema);
        },
      };
      const rebuilder = bed.rebuilder({ projection: stricter, schema: live.schema });

      const error = await rebuilder.rebuild().catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ProjectionStoppedError);
      expect(error).toMatchObject({ eventId: bad.id, eventType: 'Counted.Vote' });
      expect((error as Error).message).toContain('refused by the new handler');
      expect(await checksumProjection(bed.db, live.schema)).toEqual(afterBad);
      expect(await leftovers(rebuilder)).toEqual(none);
    });
  });

  describe('dropAbandonedCopies', () => {
    it('drops the shadow a dead rebuild left and a half-made scratch copy, never a running build or the live copy', async () => {
      await appendHistory(2, 4);
      const live = await liveRunner();
      const names = projectionSchemaNames(live.schema);
      await bed.db.exec(`create schema ${quoteIdent(names.scratch)}`);
      const running = bed.rebuilder({ projection: eventCountsProjection, schema: live.schema });
      // A shadow written just now belongs to a build that is alive.
      await bed.db.transaction((tx) => installProjection(tx, eventCountsProjection, names.shadow, randomUUID()));
      expect(await dropAbandonedCopies(bed.db, live.schema)).toEqual([names.scratch]);
      expect(await schemaExists(bed.db, names.shadow)).toBe(true);
      // Left unwritten past the staleness limit, it is a dead build's.
      await bed.db.query(`update ${quoteIdent(names.shadow)}.projection_checkpoint set updated_at = now() - interval '2 minutes'`);
      expect(await dropAbandonedCopies(bed.db, live.schema)).toEqual([names.shadow]);
      expect(await leftovers(running)).toEqual(none);
      expect(await readCounts(bed.db, live.schema)).toEqual(expectCountsOf(tally));
    });
  });

  describe('verify', () => {
    it('finds no difference in a correct copy, even while events keep coming', async () => {
      await appendHistory(5, 12);
      const live = await liveRunner();
      const appender = repeatInBackground(() => tally.append(bed.eventStore, 'late', [counted()]));
      const rebuilder = bed.rebuilder({ projection: eventCountsProjection, schema: live.schema });

      const report = await rebuilder.verify().finally(() => appender.stop());

      expect(report).toMatchObject({ projection: 'event_counts', schema: live.schema, matches: true, differences: [] });
      expect(report.live.tables.map((t) => t.table)).toEqual(['stream_counts', 'type_counts']);
      expect(report.rebuilt.checksum).toBe(report.live.checksum);
      expect(await leftovers(rebuilder)).toEqual(none);
    });

    it('reports a row changed by hand, with the live and the rebuilt version of it', async () => {
      await appendHistory(5, 12);
      const live = await liveRunner();
      await live.stop();
      await bed.db.query(`update ${quoteIdent(live.schema)}.stream_counts set events = events + 5 where stream_id = 'vote-2'`);
      const rebuilder = bed.rebuilder({ projection: eventCountsProjection, schema: live.schema });

      const report = await rebuilder.verify();

      expect(report.matches).toBe(false);
      expect(report.differences).toHaveLength(1);
      const [difference] = report.differences;
      expect(difference).toMatchObject({
        table: 'stream_counts',
        onlyInLive: [{ stream_id: 'vote-2', events: 14, last_revision: 10 }],
        onlyInRebuilt: [{ stream_id: 'vote-2', events: 9, last_revision: 10 }],
      });
      expect(difference?.live?.rows).toBe(difference?.rebuilt?.rows);
      expect(report.checkpoint).toEqual((await readCheckpoint(bed.db, live.schema)).position);
      expect(await leftovers(rebuilder)).toEqual(none);
    });

    it('says there is nothing to verify before the live copy exists', async () => {
      const rebuilder = bed.rebuilder({ projection: eventCountsProjection, schema: bed.schema('missing') });
      await expect(rebuilder.verify()).rejects.toMatchObject({ name: 'NoLiveCopyError' });
    });
  });
});
