import { randomUUID } from 'node:crypto';
import { EventIdReusedError, WrongExpectedRevisionError } from '../errors';
import type { EventStore } from '../event-store.port';
import type { NewEvent, RecordedEvent } from '../events';
import { comparePositions, START } from '../position';
import { collectSubscription } from './collect-subscription';

export interface EventStoreFactory {
  /** Opens a store for one test file; `dispose` closes it and removes what it created. */
  open(): Promise<{ store: EventStore; dispose(): Promise<void> }>;
}

const newEvent = (type: string, data: Record<string, string | number> = {}): NewEvent => ({
  id: randomUUID(),
  type,
  data: { ...data },
  metadata: { correlationId: randomUUID(), actor: 'contract-suite' },
});

const uniqueStream = (prefix: string) => `${prefix}-${randomUUID()}`;

const allOf = async (store: EventStore, streamPrefix: string): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const page of store.readAll({ filter: { streamPrefixes: [streamPrefix] }, pageSize: 7 })) events.push(...page);
  return events;
};

/**
 * The behaviour every {@link EventStore} adapter must show. Each adapter's test file calls this
 * with a factory for a real store.
 */
export function describeEventStoreContract(adapterName: string, factory: EventStoreFactory): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let store: EventStore;
    let dispose: () => Promise<void>;

    beforeAll(async () => {
      ({ store, dispose } = await factory.open());
    });
    afterAll(async () => {
      await dispose?.();
    });

    describe('optimistic concurrency', () => {
      it('creates a stream with "no stream" expected and refuses a second creation', async () => {
        const stream = uniqueStream('order');
        const first = await store.appendToStream(stream, [newEvent('Created')], { expectedRevision: 'no_stream' });
        expect(first.nextExpectedRevision).toBe(0n);

        const error = await store
          .appendToStream(stream, [newEvent('Created')], { expectedRevision: 'no_stream' })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId: stream, expected: 'no_stream', actual: 0n });
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('appends at the expected revision and refuses a stale one, naming the actual revision', async () => {
        const stream = uniqueStream('order');
        await store.appendToStream(stream, [newEvent('A'), newEvent('B')], { expectedRevision: 'no_stream' });
        const next = await store.appendToStream(stream, [newEvent('C')], { expectedRevision: 1n });
        expect(next.nextExpectedRevision).toBe(2n);

        const stale = await store.appendToStream(stream, [newEvent('D')], { expectedRevision: 1n }).catch((e: unknown) => e);
        expect(stale).toBeInstanceOf(WrongExpectedRevisionError);
        expect(stale).toMatchObject({ expected: 1n, actual: 2n });
        expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['A', 'B', 'C']);
      });

      it('refuses "stream exists" and a revision for a stream that does not exist', async () => {
        const stream = uniqueStream('order');
        await expect(store.appendToStream(stream, [newEvent('A')], { expectedRevision: 'stream_exists' })).rejects.toMatchObject({
          name: 'WrongExpectedRevisionError',
          actual: 'none',
        });
        await expect(store.appendToStream(stream, [newEvent('A')], { expectedRevision: 0n })).rejects.toMatchObject({
          name: 'WrongExpectedRevisionError',
          actual: 'none',
        });
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('appends with "any" to new and existing streams, and "stream exists" to an existing one', async () => {
        const stream = uniqueStream('order');
        expect((await store.appendToStream(stream, [newEvent('A')], { expectedRevision: 'any' })).nextExpectedRevision).toBe(0n);
        expect((await store.appendToStream(stream, [newEvent('B')], { expectedRevision: 'any' })).nextExpectedRevision).toBe(1n);
        const result = await store.appendToStream(stream, [newEvent('C')], { expectedRevision: 'stream_exists' });
        expect(result.nextExpectedRevision).toBe(2n);
      });

      it('lets exactly one of many racing creators of a stream win', async () => {
        const stream = uniqueStream('vote');
        const outcomes = await Promise.allSettled(
          Array.from({ length: 10 }, () => store.appendToStream(stream, [newEvent('VoteCast')], { expectedRevision: 'no_stream' })),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
          expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
        }
        expect(await store.readStream(stream)).toHaveLength(1);
      });
    });

    describe('idempotency', () => {
      it('treats a retried append (same event ids) as done, returning the first result and writing nothing', async () => {
        const stream = uniqueStream('order');
        const events = [newEvent('A'), newEvent('B')];
        const first = await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
        const retry = await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
        expect(retry).toEqual(first);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('writes racing identical retries once', async () => {
        const stream = uniqueStream('order');
        const events = [newEvent('A')];
        const results = await Promise.all(
          Array.from({ length: 5 }, () => store.appendToStream(stream, events, { expectedRevision: 'any' })),
        );
        expect(new Set(results.map((r) => r.nextExpectedRevision))).toEqual(new Set([0n]));
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('refuses an append that repeats only some ids of an earlier one', async () => {
        const stream = uniqueStream('order');
        const a = newEvent('A');
        await store.appendToStream(stream, [a], { expectedRevision: 'no_stream' });
        // Sent as a retry of the first append would be (same expected revision) but with more events.
        await expect(store.appendToStream(stream, [a, newEvent('B')], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(
          EventIdReusedError,
        );
        expect(await store.readStream(stream)).toHaveLength(1);
      });
    });

    describe('reading a stream', () => {
      it('reads forwards and backwards, from a revision, with a limit, and keeps data and metadata', async () => {
        const stream = uniqueStream('order');
        const written = [newEvent('A', { n: 0 }), newEvent('B', { n: 1 }), newEvent('C', { n: 2, text: 'ünïcödé ✓' })];
        await store.appendToStream(stream, written, { expectedRevision: 'no_stream' });

        const forwards = await store.readStream(stream);
        expect(forwards.map((e) => [e.type, e.revision, e.streamId])).toEqual([
          ['A', 0n, stream],
          ['B', 1n, stream],
          ['C', 2n, stream],
        ]);
        expect(forwards[2]).toMatchObject({ id: written[2]?.id, data: { n: 2, text: 'ünïcödé ✓' } });
        expect(forwards[0]?.metadata).toMatchObject(written[0]?.metadata ?? {});
        expect(forwards[0]?.recordedAt).toBeInstanceOf(Date);

        expect((await store.readStream(stream, { direction: 'backwards' })).map((e) => e.type)).toEqual(['C', 'B', 'A']);
        expect((await store.readStream(stream, { fromRevision: 1n })).map((e) => e.type)).toEqual(['B', 'C']);
        expect((await store.readStream(stream, { direction: 'backwards', fromRevision: 1n, maxCount: 1 })).map((e) => e.type)).toEqual(['B']);
        expect((await store.readStream(stream, { maxCount: 2 })).map((e) => e.type)).toEqual(['A', 'B']);
      });

      it('reads a stream that does not exist as empty', async () => {
        expect(await store.readStream(uniqueStream('nothing'))).toEqual([]);
      });
    });

    describe('reading all', () => {
      it('reads every event in one increasing global order, in pages, from the start or after a position', async () => {
        const prefix = uniqueStream('all');
        const a = `${prefix}-a`;
        const b = `${prefix}-b`;
        await store.appendToStream(a, [newEvent('A1'), newEvent('A2')], { expectedRevision: 'no_stream' });
        await store.appendToStream(b, [newEvent('B1')], { expectedRevision: 'no_stream' });
        const last = await store.appendToStream(a, [newEvent('A3')], { expectedRevision: 1n });

        const all = await allOf(store, prefix);
        expect(all.map((e) => e.type)).toEqual(['A1', 'A2', 'B1', 'A3']);
        for (let i = 1; i < all.length; i++) {
          expect(comparePositions((all[i - 1] as RecordedEvent).position, (all[i] as RecordedEvent).position)).toBe(-1);
        }
        expect(all[3]?.position).toEqual(last.position);

        const after: RecordedEvent[] = [];
        for await (const page of store.readAll({ after: all[1]?.position ?? START, filter: { streamPrefixes: [prefix] } })) {
          after.push(...page);
        }
        expect(after.map((e) => e.type)).toEqual(['B1', 'A3']);
      });

      it('filters by event-type prefix and by stream prefix', async () => {
        const prefix = uniqueStream('filtered');
        const typePrefix = `T${randomUUID().slice(0, 8)}.`;
        await store.appendToStream(`${prefix}-1`, [newEvent(`${typePrefix}Kept`), newEvent('Other.Dropped')], { expectedRevision: 'no_stream' });
        await store.appendToStream(`${prefix}-2`, [newEvent(`${typePrefix}AlsoKept`)], { expectedRevision: 'no_stream' });

        const byType: string[] = [];
        for await (const page of store.readAll({ filter: { eventTypePrefixes: [typePrefix] } })) byType.push(...page.map((e) => e.type));
        expect(byType).toEqual([`${typePrefix}Kept`, `${typePrefix}AlsoKept`]);

        const byStream = await allOf(store, `${prefix}-2`);
        expect(byStream.map((e) => e.type)).toEqual([`${typePrefix}AlsoKept`]);
      });

      it('reports the head position as the position of the newest event', async () => {
        const result = await store.appendToStream(uniqueStream('head'), [newEvent('A')], { expectedRevision: 'no_stream' });
        expect(await store.headPosition()).toEqual(result.position);
      });
    });

    describe('subscriptions', () => {
      it('delivers history after the checkpoint, then live events, filtered by event-type prefix', async () => {
        const typePrefix = `S${randomUUID().slice(0, 8)}.`;
        const stream = uniqueStream('sub');
        const first = await store.appendToStream(stream, [newEvent(`${typePrefix}Old`)], { expectedRevision: 'no_stream' });
        await store.appendToStream(stream, [newEvent(`${typePrefix}History`), newEvent('Unrelated')], { expectedRevision: 0n });

        const collected = collectSubscription(store, { after: first.position, filter: { eventTypePrefixes: [typePrefix] } });
        try {
          await collected.until((events) => events.length >= 1);
          await store.appendToStream(stream, [newEvent(`${typePrefix}Live`), newEvent('Unrelated')], { expectedRevision: 2n });
          await collected.until((events) => events.length >= 2);
          await new Promise((resolve) => setTimeout(resolve, 100));
          expect(collected.events.map((e) => e.type)).toEqual([`${typePrefix}History`, `${typePrefix}Live`]);
          const lastCheckpoint = collected.checkpoints[collected.checkpoints.length - 1];
          expect(comparePositions(lastCheckpoint ?? START, collected.events[1]?.position ?? START)).toBeGreaterThanOrEqual(0);
        } finally {
          await collected.subscription.stop();
        }
      });

      it('resumes from a checkpoint without repeating what was delivered', async () => {
        const typePrefix = `R${randomUUID().slice(0, 8)}.`;
        const stream = uniqueStream('resume');
        await store.appendToStream(stream, [newEvent(`${typePrefix}1`), newEvent(`${typePrefix}2`)], { expectedRevision: 'no_stream' });

        const firstRun = collectSubscription(store, { filter: { eventTypePrefixes: [typePrefix] } });
        await firstRun.until((events) => events.length === 2);
        await firstRun.subscription.stop();
        const checkpoint = firstRun.checkpoints[firstRun.checkpoints.length - 1] ?? START;

        await store.appendToStream(stream, [newEvent(`${typePrefix}3`)], { expectedRevision: 1n });
        const secondRun = collectSubscription(store, { after: checkpoint, filter: { eventTypePrefixes: [typePrefix] } });
        try {
          await secondRun.until((events) => events.length >= 1);
          await new Promise((resolve) => setTimeout(resolve, 100));
          expect(secondRun.events.map((e) => e.type)).toEqual([`${typePrefix}3`]);
        } finally {
          await secondRun.subscription.stop();
        }
      });

      it('skips history when subscribing from the end', async () => {
        const typePrefix = `E${randomUUID().slice(0, 8)}.`;
        const stream = uniqueStream('end');
        await store.appendToStream(stream, [newEvent(`${typePrefix}Before`)], { expectedRevision: 'no_stream' });
        const collected = collectSubscription(store, { after: 'end', filter: { eventTypePrefixes: [typePrefix] } });
        try {
          await new Promise((resolve) => setTimeout(resolve, 200));
          await store.appendToStream(stream, [newEvent(`${typePrefix}After`)], { expectedRevision: 0n });
          await collected.until((events) => events.length >= 1);
          expect(collected.events.map((e) => e.type)).toEqual([`${typePrefix}After`]);
        } finally {
          await collected.subscription.stop();
        }
      });

      it('ends with the error when the handler fails', async () => {
        const typePrefix = `F${randomUUID().slice(0, 8)}.`;
        await store.appendToStream(uniqueStream('fail'), [newEvent(`${typePrefix}Boom`)], { expectedRevision: 'no_stream' });
        const subscription = store.subscribeToAll({
          filter: { eventTypePrefixes: [typePrefix] },
          onBatch: async (batch) => {
            if (batch.events.length) throw new Error('handler failed');
          },
        });
        await expect(subscription.done).rejects.toThrow('handler failed');
      });

      it('delivers every event of many concurrent writers exactly once, in increasing position order', async () => {
        const typePrefix = `C${randomUUID().slice(0, 8)}.`;
        const collected = collectSubscription(store, { after: 'end', filter: { eventTypePrefixes: [typePrefix] }, batchSize: 50 });
        const writers = 16;
        const appendsPerWriter = 20;
        try {
          await new Promise((resolve) => setTimeout(resolve, 100));
          const written = await Promise.all(
            Array.from({ length: writers }, async (_, writer) => {
              const ids: string[] = [];
              for (let i = 0; i < appendsPerWriter; i++) {
                const event = newEvent(`${typePrefix}Written`, { writer, i });
                await store.appendToStream(uniqueStream(`w${writer}`), [event], { expectedRevision: 'no_stream' });
                ids.push(event.id);
              }
              return ids;
            }),
          );
          const expected = written.flat();
          await collected.until((events) => events.length >= expected.length, 30_000);
          await new Promise((resolve) => setTimeout(resolve, 200));

          const deliveredIds = collected.events.map((e) => e.id);
          expect(deliveredIds).toHaveLength(expected.length);
          expect(new Set(deliveredIds)).toEqual(new Set(expected));
          for (let i = 1; i < collected.events.length; i++) {
            expect(comparePositions((collected.events[i - 1] as RecordedEvent).position, (collected.events[i] as RecordedEvent).position)).toBe(-1);
          }
        } finally {
          await collected.subscription.stop();
        }
      });
    });

    describe('bad input', () => {
      it('refuses an empty append, a malformed event id and a repeated id before writing anything', async () => {
        const stream = uniqueStream('bad');
        await expect(store.appendToStream(stream, [], { expectedRevision: 'any' })).rejects.toThrow('at least one event');
        await expect(
          store.appendToStream(stream, [{ ...newEvent('A'), id: 'not-a-uuid' }], { expectedRevision: 'any' }),
        ).rejects.toThrow('not a UUID');
        const twice = newEvent('A');
        await expect(store.appendToStream(stream, [twice, twice], { expectedRevision: 'any' })).rejects.toThrow('twice');
        expect(await store.readStream(stream)).toEqual([]);
      });
    });
  });
}
