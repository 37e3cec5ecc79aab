import { waitUntil } from '@frm/testing';
import { formatPosition, START, type EventStore, type RecordedEvent, type Subscription } from '@frm/event-store';
import { ProjectionRunner, ProjectionStoppedError, ProjectionVersionMismatchError, checksumProjection, type ProjectionDefinition } from '../src';
import { readCheckpoint } from '../src/checkpoint-table';
import { eventCountsProjection } from '../src/testing/event-counts.projection';
import { counted, expectCountsOf, readCounts, Tally } from './support/counted-events';
import { notedThenSettled, readSettled } from './support/noted-then-settled';
import { eachTestBed, engines, type TestBed } from './support/test-bed';

/** event_counts, plus a statement that fails for the events `failing` picks, after their upserts ran. */
const failingOn = (failing: (event: RecordedEvent) => boolean): ProjectionDefinition => ({
  ...eventCountsProjection,
  handle: (event, schema) => [...eventCountsProjection.handle(event, schema), ...(failing(event) ? [{ sql: 'select 1 / 0' }] : [])],
});

describe.each(engines)('ProjectionRunner on $name', (engine) => {
  let bed: TestBed;

  eachTestBed(engine, (fresh) => (bed = fresh));

  it('applies every matching event once and reports its status', async () => {
    const tally = new Tally();
    for (const stream of ['vote-a', 'vote-b', 'vote-c']) {
      await tally.append(bed.eventStore, stream, [counted(), counted('Counted.Vote', { weight: 4 }), counted('Other.Ignored')]);
    }
    const runner = bed.runner({ projection: eventCountsProjection, schema: bed.schema('counts') });
    expect((await runner.status()).state).toBe('stopped');

    await runner.start();
    await bed.caughtUp(runner);

    expect(await readCounts(bed.db, runner.schema)).toEqual(expectCountsOf(tally));
    const status = await runner.status();
    expect(status).toMatchObject({ projection: 'event_counts', version: 1, state: 'running', lag: 0n, eventsApplied: 6 });
    expect(status.checkpoint).toEqual(status.head);
  });

  it('tells a writer when its event is applied (read-your-writes), and gives up when not running', async () => {
    const runner = bed.runner({ projection: eventCountsProjection, schema: bed.schema('counts') });
    await runner.start();
    const appended = await bed.eventStore.appendToStream('vote-ryw', [counted()], { expectedRevision: 'no_stream' });
    expect(await runner.waitUntilApplied(appended.position, 10_000)).toBe(true);
    expect((await readCounts(bed.db, runner.schema)).streams.get('vote-ryw')).toBe(1);

    await runner.stop();
    const later = await bed.eventStore.appendToStream('vote-ryw', [counted()], { expectedRevision: 0n });
    expect(await runner.waitUntilApplied(later.position, 2_000)).toBe(false);
  });

  it('hurries its subscription for a writer who waits, and only while the write is not yet applied', async () => {
    let hurried = 0;
    let subscribed: () => void = () => undefined;
    const subscribing = new Promise<void>((resolve) => (subscribed = resolve));
    const eventStore: EventStore = Object.create(bed.eventStore, {
      subscribeToAll: {
        value: (options: Parameters<EventStore['subscribeToAll']>[0]): Subscription => {
          const subscription = bed.eventStore.subscribeToAll(options);
          subscribed();
          return { done: subscription.done, stop: () => subscription.stop(), hurry: () => (hurried++, subscription.hurry?.()) };
        },
      },
    });
    const runner = new ProjectionRunner({ projection: eventCountsProjection, schema: bed.schema('counts'), db: bed.db, eventStore });
    try {
      await runner.start();
      // start() returns while the checkpoint is still being read; the subscription comes after it.
      await subscribing;
      const appended = await bed.eventStore.appendToStream('vote-hurry', [counted()], { expectedRevision: 'no_stream' });
      expect(await runner.waitUntilApplied(appended.position, 10_000)).toBe(true);
      expect(hurried).toBe(1);
      expect(await runner.waitUntilApplied(appended.position, 10_000)).toBe(true);
      expect(hurried).toBe(1);
    } finally {
      await runner.stop();
    }
  });

  it('applies nothing of a batch that fails midway, keeps its checkpoint, and stops naming the event', async () => {
    const projection = failingOn((event) => event.type === 'Counted.Poison');
    const runner = bed.runner({ projection, schema: bed.schema('counts') });
    const tally = new Tally();
    await tally.append(bed.eventStore, 'vote-a', [counted(), counted()]);
    await runner.start();
    await bed.caughtUp(runner);
    const before = await readCheckpoint(bed.db, runner.schema);
    const checksumBefore = await checksumProjection(bed.db, runner.schema);

    const poison = counted('Counted.Poison');
    await bed.eventStore.appendToStream('vote-b', [counted(), counted(), poison, counted()], { expectedRevision: 'no_stream' });

    const error = (await runner.done.then(
      () => undefined,
      (e: unknown) => e,
    )) as ProjectionStoppedError;
    expect(error).toBeInstanceOf(ProjectionStoppedError);
    const recorded = (await bed.eventStore.readStream('vote-b')).find((e) => e.id === poison.id);
    expect(error).toMatchObject({ projection: 'event_counts', eventId: poison.id, eventType: 'Counted.Poison', attempts: 3 });
    expect(recorded).toBeDefined();
    expect(error.message).toContain(`position ${formatPosition(recorded?.position ?? { commit: -1n, prepare: -1n })}`);
    expect(error.message).toContain('division by zero');
    expect(error.message).toContain('resumes at this event');

    expect((await readCheckpoint(bed.db, runner.schema)).position).toEqual(before.position);
    expect(await checksumProjection(bed.db, runner.schema)).toEqual(checksumBefore);
    expect(await readCounts(bed.db, runner.schema)).toEqual(expectCountsOf(tally));
    expect(await runner.status()).toMatchObject({ state: 'failed', lastError: error.message });
  });

  it('retries a failure that goes away and still counts every event of the batch once', async () => {
    let failuresLeft = 2;
    const projection = failingOn((event) => event.type === 'Counted.Flaky' && failuresLeft-- > 0);
    const runner = bed.runner({ projection, schema: bed.schema('counts') });
    const tally = new Tally();
    await tally.append(bed.eventStore, 'vote-a', [counted(), counted(), counted('Counted.Flaky'), counted()]);

    await runner.start();
    await bed.caughtUp(runner);

    expect(failuresLeft).toBeLessThan(0);
    expect(await readCounts(bed.db, runner.schema)).toEqual(expectCountsOf(tally));
    expect(await runner.status()).toMatchObject({ state: 'running', eventsApplied: 4 });
  });

  it('resumes from its checkpoint after a restart without counting anything twice', async () => {
    const schema = bed.schema('counts');
    const tally = new Tally();
    await tally.append(bed.eventStore, 'vote-a', [counted(), counted()]);
    const first = bed.runner({ projection: eventCountsProjection, schema });
    await first.start();
    await bed.caughtUp(first);
    await first.stop();
    expect((await first.status()).state).toBe('stopped');

    await tally.append(bed.eventStore, 'vote-a', [counted()]);
    await tally.append(bed.eventStore, 'vote-b', [counted('Counted.Other', { weight: 2 })]);
    const second = bed.runner({ projection: eventCountsProjection, schema });
    await second.start();
    await bed.caughtUp(second);

    expect(await readCounts(bed.db, schema)).toEqual(expectCountsOf(tally));
    expect((await second.status()).eventsApplied).toBe(2);
  });

  it('gives exact counts when two runners of one projection run at once', async () => {
    const schema = bed.schema('counts');
    const runners = [bed.runner({ projection: eventCountsProjection, schema, batchSize: 7 }), bed.runner({ projection: eventCountsProjection, schema, batchSize: 5 })];
    await Promise.all(runners.map((runner) => runner.start()));
    const tally = new Tally();
    await Promise.all(
      Array.from({ length: 4 }, async (_, writer) => {
        for (let i = 0; i < 15; i++) {
          await tally.append(bed.eventStore, `vote-${writer}-${i % 3}`, [counted(), counted('Counted.Other', { weight: i }), counted('Skipped.Type')]);
        }
      }),
    );

    await Promise.all(runners.map((runner) => bed.caughtUp(runner)));

    expect(await readCounts(bed.db, schema)).toEqual(expectCountsOf(tally));
    const applied = await Promise.all(runners.map(async (runner) => (await runner.status()).eventsApplied));
    expect(applied.reduce((sum, n) => sum + n, 0)).toBe(tally.total);
  });

  it('refuses to run on a copy built by another version, naming the fix', async () => {
    const schema = bed.schema('counts');
    const current = bed.runner({ projection: eventCountsProjection, schema });
    await current.start();
    await current.stop();

    const next = bed.runner({ projection: { ...eventCountsProjection, version: 2 }, schema });
    const error = await next.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectionVersionMismatchError);
    expect((error as Error).message).toContain('holds version 1 of projection "event_counts" but this code is version 2; rebuild it');
    expect((await next.status()).state).toBe('failed');
  });

  it('runs the follow-up in a transaction of its own after a batch commits, and before telling a writer it is applied', async () => {
    const runner = bed.runner({ projection: notedThenSettled, schema: bed.schema('settled'), batchSize: 4 });
    await runner.start();
    const appended = [];
    for (let i = 0; i < 10; i++) appended.push(await bed.eventStore.appendToStream(`vote-${i}`, [counted()], { expectedRevision: 'no_stream' }));
    expect(await runner.waitUntilApplied(appended[9]?.position ?? START, 10_000)).toBe(true);

    expect(await readSettled(bed.db, runner.schema)).toEqual({ noted: 0, settled: 10, settledInTheirBatch: 0 });
  });

  it('does the work a crash left between a batch and its follow-up when it starts, before any event', async () => {
    const schema = bed.schema('settled');
    const first = bed.runner({ projection: notedThenSettled, schema });
    await first.start();
    await first.stop();
    // What a runner killed between the two transactions leaves: an event noted, not settled.
    await bed.db.query(`insert into "${schema}".noted (event_id, noted_in) values ('left-by-a-crash', 1)`);

    await bed.runner({ projection: notedThenSettled, schema }).start();

    expect(await readSettled(bed.db, schema)).toEqual({ noted: 0, settled: 1, settledInTheirBatch: 0 });
  });

  it('settles a follow-up that failed once its retry succeeds, though no event comes after', async () => {
    let failuresLeft = 0;
    const flaky: ProjectionDefinition = {
      ...notedThenSettled,
      followUp: {
        needed: () => true,
        statements: (schema) => [...(failuresLeft-- > 0 ? [{ sql: 'select 1 / 0' }] : []), ...(notedThenSettled.followUp?.statements(schema) ?? [])],
      },
    };
    const runner = bed.runner({ projection: flaky, schema: bed.schema('settled') });
    await runner.start();
    failuresLeft = 1;
    await bed.eventStore.appendToStream('vote-once', [counted()], { expectedRevision: 'no_stream' });

    await waitUntil('the follow-up settled', async () => (await readSettled(bed.db, runner.schema)).settled === 1);
    expect(failuresLeft).toBeLessThan(0);
    expect(await readSettled(bed.db, runner.schema)).toEqual({ noted: 0, settled: 1, settledInTheirBatch: 0 });
  });
});
