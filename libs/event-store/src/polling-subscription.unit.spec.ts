import { setTimeout as sleep } from 'node:timers/promises';
import type { Position, RecordedEvent } from './events';
import { GATHER_MS, MAX_GATHER_MS } from './gather-window';
import { PollingSubscription, type ScannedPage } from './polling-subscription';
import { START } from './position';
import { WakeUp } from './wake-up';

/** An in-memory log the subscription pages through, counting its reads. */
class FakeLog {
  readonly events: RecordedEvent[] = [];
  readonly readTimes: number[] = [];
  /** The next this many reads find nothing: the new events are behind a transaction still running. */
  heldBackReads = 0;

  append(wakeUp: WakeUp): void {
    const prepare = BigInt(this.events.length + 1);
    this.events.push({ id: `e${prepare}`, type: 'Appended', data: {}, metadata: {}, streamId: 's', revision: prepare - 1n, position: { commit: prepare, prepare }, recordedAt: new Date() });
    wakeUp.notify();
  }

  readonly readPage = async (after: Position, _filter: unknown, limit: number): Promise<ScannedPage> => {
    this.readTimes.push(performance.now());
    if (this.heldBackReads > 0) {
      this.heldBackReads--;
      return { events: [], last: undefined, scanned: 0 };
    }
    const events = this.events.filter((event) => event.position.prepare > after.prepare).slice(0, limit);
    const full = events.length === limit && this.events.at(-1)?.position.prepare !== events.at(-1)?.position.prepare;
    return { events, last: events.at(-1)?.position, full, scanned: events.length };
  };
}

function subscribe(log: FakeLog, wakeUp: WakeUp, delivered: RecordedEvent[], batchSize = 500): PollingSubscription {
  return new PollingSubscription(log.readPage, wakeUp, Promise.resolve(START), {
    batchSize,
    onBatch: async (batch) => {
      delivered.push(...batch.events);
    },
  });
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(2);
  }
}

/**
 * How long after its append an event someone waits for (hurry) is delivered: appended right after a
 * read that followed a stream (the window then wide), with the first `heldBackReads` reads finding
 * it held back.
 */
async function hurriedAfterAStream(heldBackReads: number): Promise<number> {
  const log = new FakeLog();
  const wakeUp = new WakeUp();
  const delivered: RecordedEvent[] = [];
  const subscription = subscribe(log, wakeUp, delivered);
  for (let i = 0; i < 100; i++) {
    log.append(wakeUp);
    await sleep(4);
  }
  await until(() => delivered.length === 100);
  const readsBefore = log.readTimes.length;
  await until(() => log.readTimes.length > readsBefore);
  log.heldBackReads = heldBackReads;
  const appendedAt = performance.now();
  log.append(wakeUp);
  subscription.hurry();
  await until(() => delivered.length === 101);
  const seenAfter = performance.now() - appendedAt;
  await subscription.stop();
  return seenAfter;
}

describe('PollingSubscription pacing', () => {
  it('under a steady stream of appends reads at most once per gather interval, every event in order', async () => {
    const log = new FakeLog();
    const wakeUp = new WakeUp();
    const delivered: RecordedEvent[] = [];
    const subscription = subscribe(log, wakeUp, delivered);
    await until(() => log.readTimes.length > 0);
    const started = performance.now();
    const readsBefore = log.readTimes.length;
    for (let i = 0; i < 100; i++) {
      log.append(wakeUp);
      await sleep(4);
    }
    const elapsed = performance.now() - started;
    await until(() => delivered.length === 100);
    await subscription.stop();

    const reads = log.readTimes.length - readsBefore;
    // One read per append would be 100; gathered, no more than the intervals that fit (plus the last).
    expect(reads).toBeLessThanOrEqual(Math.ceil(elapsed / GATHER_MS) + 2);
    expect(reads).toBeLessThan(50);
    expect(delivered.map((event) => event.id)).toEqual(log.events.map((event) => event.id));
  });

  it('reads the first append after a quiet spell at once', async () => {
    const log = new FakeLog();
    const wakeUp = new WakeUp();
    const delivered: RecordedEvent[] = [];
    const subscription = subscribe(log, wakeUp, delivered);
    // Quiet for longer than a subscriber keeps retrying after its last wake-up (250 ms).
    await sleep(500);
    const appendedAt = performance.now();
    log.append(wakeUp);
    await until(() => delivered.length === 1);
    const seenAfter = performance.now() - appendedAt;
    await subscription.stop();
    expect(seenAfter).toBeLessThan(GATHER_MS);
  });

  it('reads a backlog page after page without waiting between them', async () => {
    const log = new FakeLog();
    const wakeUp = new WakeUp();
    for (let i = 0; i < 50; i++) log.append(wakeUp);
    const delivered: RecordedEvent[] = [];
    const started = performance.now();
    const subscription = subscribe(log, wakeUp, delivered, 5);
    await until(() => delivered.length === 50);
    const took = performance.now() - started;
    await subscription.stop();
    // Ten full pages: gathered they would take ten intervals.
    expect(took).toBeLessThan(GATHER_MS * 3);
    expect(delivered).toHaveLength(50);
  });

  it('under a long stream widens its gather: fewer reads than at the shortest window, every event in order', async () => {
    const log = new FakeLog();
    const wakeUp = new WakeUp();
    const delivered: RecordedEvent[] = [];
    const subscription = subscribe(log, wakeUp, delivered);
    await until(() => log.readTimes.length > 0);
    for (let i = 0; i < 150; i++) {
      log.append(wakeUp);
      await sleep(4);
    }
    // The last half second of the stream, once the window had time to widen.
    const since = performance.now() - 500;
    const readsAtTheEnd = log.readTimes.filter((time) => time >= since).length;
    await until(() => delivered.length === 150);
    await subscription.stop();
    expect(readsAtTheEnd).toBeLessThanOrEqual(Math.ceil(500 / MAX_GATHER_MS) + 2);
    expect(delivered.map((event) => event.id)).toEqual(log.events.map((event) => event.id));
  });

  it('reads the first event after a fast stream within its shortest window', async () => {
    const log = new FakeLog();
    const wakeUp = new WakeUp();
    // A backlog read in pages of plenty: counted as found, each would widen the window to its longest.
    for (let i = 0; i < 3_000; i++) log.append(wakeUp);
    const delivered: RecordedEvent[] = [];
    const subscription = subscribe(log, wakeUp, delivered);
    await until(() => delivered.length === 3_000);
    const appendedAt = performance.now();
    log.append(wakeUp);
    await until(() => delivered.length === 3_001);
    const seenAfter = performance.now() - appendedAt;
    await subscription.stop();
    // The longest window would hold it back about MAX_GATHER_MS; the shortest at most GATHER_MS.
    expect(seenAfter).toBeLessThan((GATHER_MS + MAX_GATHER_MS) / 2);
  });

  it('reads at once when hurried, though its window is wide', async () => {
    expect(await hurriedAfterAStream(0)).toBeLessThan(GATHER_MS);
  });

  it('stays hurried through a read that finds the awaited event held back', async () => {
    // The held-back read, a retry a few milliseconds later, and the read that finds it.
    expect(await hurriedAfterAStream(1)).toBeLessThan(GATHER_MS * 2);
  });
});
