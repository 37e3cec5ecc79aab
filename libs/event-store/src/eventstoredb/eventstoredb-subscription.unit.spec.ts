import { PassThrough } from 'node:stream';
import type { SubscriptionBatch } from '../event-store.port';
import { allStreamEvent, logPosition } from './all-stream-event.fixture';
import { EventStoreDbSubscription } from './eventstoredb-subscription';
import { CheckpointReached } from './subscription-batch';

function fakeSource(highWaterMark = 16): PassThrough & { unsubscribed: boolean; unsubscribe(): Promise<void> } {
  const source = Object.assign(new PassThrough({ objectMode: true, highWaterMark }), {
    unsubscribed: false,
    async unsubscribe() {
      source.unsubscribed = true;
    },
  });
  return source;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('a subscription to EventStoreDB’s $all', () => {
  it('delivers batches of up to batchSize, one at a time, and stops after the batch in hand', async () => {
    const source = fakeSource();
    const batches: SubscriptionBatch[] = [];
    let release: () => void = () => undefined;
    let handling = 0;
    let mostAtOnce = 0;
    const subscription = new EventStoreDbSubscription(Promise.resolve(undefined), () => source, {
      batchSize: 2,
      onBatch: async (batch) => {
        mostAtOnce = Math.max(mostAtOnce, ++handling);
        batches.push(batch);
        await new Promise<void>((resolve) => (release = resolve));
        handling--;
      },
    });
    [10, 20, 30].forEach((at) => source.write(allStreamEvent(at)));
    await tick();
    expect(batches).toHaveLength(1);
    expect(batches[0]?.events.map((e) => e.position)).toEqual([logPosition(10), logPosition(20)]);

    release();
    await tick();
    expect(batches).toHaveLength(2);
    expect(batches[1]).toMatchObject({ checkpoint: logPosition(30) });

    const stopped = subscription.stop();
    source.write(allStreamEvent(40));
    release();
    await stopped;
    await expect(subscription.done).resolves.toBeUndefined();
    expect(batches).toHaveLength(2);
    expect(mostAtOnce).toBe(1);
    expect(source.unsubscribed).toBe(true);
  });

  it('moves the checkpoint on the server’s checkpoints when the filter lets nothing through', async () => {
    const source = fakeSource();
    const batches: SubscriptionBatch[] = [];
    const subscription = new EventStoreDbSubscription(Promise.resolve(logPosition(5)), () => source, {
      filter: { eventTypePrefixes: ['Nothing.'] },
      onBatch: async (batch) => void batches.push(batch),
    });
    source.write(allStreamEvent(5));
    source.write(allStreamEvent(10));
    source.write(new CheckpointReached(logPosition(64)));
    await tick();
    await subscription.stop();
    expect(batches).toEqual([{ events: [], checkpoint: logPosition(64) }]);
  });

  it('ends when the handler fails, rejecting done with its error', async () => {
    const source = fakeSource();
    const subscription = new EventStoreDbSubscription(Promise.resolve(undefined), () => source, {
      onBatch: async () => {
        throw new Error('handler failed');
      },
    });
    source.write(allStreamEvent(10));
    await expect(subscription.done).rejects.toThrow('handler failed');
    expect(source.unsubscribed).toBe(true);
    await expect(subscription.stop()).resolves.toBeUndefined();
  });

  it('opens the source after its start position is known, or not at all when stopped before', async () => {
    const source = fakeSource();
    const opened: unknown[] = [];
    let resolveStart: (after: ReturnType<typeof logPosition>) => void = () => undefined;
    const subscription = new EventStoreDbSubscription(
      new Promise((resolve) => (resolveStart = resolve)),
      (after) => {
        opened.push(after);
        return source;
      },
      { onBatch: async () => undefined },
    );
    await tick();
    expect(opened).toEqual([]);
    resolveStart(logPosition(7));
    await tick();
    expect(opened).toEqual([logPosition(7)]);
    await subscription.stop();

    const openedLate: unknown[] = [];
    const stoppedEarly = new EventStoreDbSubscription(
      Promise.resolve(undefined),
      (after) => {
        openedLate.push(after);
        return fakeSource();
      },
      { onBatch: async () => undefined },
    );
    await stoppedEarly.stop();
    expect(openedLate).toEqual([]);
  });

  it('ends with the error of finding its start position', async () => {
    const subscription = new EventStoreDbSubscription(Promise.reject(new Error('UNAVAILABLE')), () => fakeSource(), {
      onBatch: async () => undefined,
    });
    await expect(subscription.done).rejects.toThrow('UNAVAILABLE');
  });

  it('ends with the server’s error, and when the server ends the subscription', async () => {
    const failing = fakeSource();
    const failed = new EventStoreDbSubscription(Promise.resolve(undefined), () => failing, { onBatch: async () => undefined });
    failing.destroy(new Error('UNAVAILABLE'));
    await expect(failed.done).rejects.toThrow('UNAVAILABLE');

    const ending = fakeSource();
    const ended = new EventStoreDbSubscription(Promise.resolve(undefined), () => ending, { onBatch: async () => undefined });
    ending.end();
    await expect(ended.done).rejects.toThrow('EventStoreDB ended the subscription to $all');
  });

  it('holds back the source while the handler is busy', async () => {
    const source = fakeSource(2);
    let release: () => void = () => undefined;
    const subscription = new EventStoreDbSubscription(Promise.resolve(undefined), () => source, {
      batchSize: 1,
      onBatch: () => new Promise<void>((resolve) => (release = resolve)),
    });
    const accepted = [10, 20, 30, 40, 50].map((at) => source.write(allStreamEvent(at)));
    await tick();
    expect(accepted.at(-1)).toBe(false);
    const stopped = subscription.stop();
    release();
    await stopped;
  });
});
