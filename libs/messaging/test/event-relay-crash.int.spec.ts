import { randomUUID } from 'node:crypto';
import { comparePositions, parsePosition, type Position, type RecordedEvent } from '@frm/event-store';
import { featureRequestEvents } from './support/events';
import { interceptedDatabase } from './support/intercepted-database';
import { header, messageCount, readTopic } from './support/read-topic';
import { relayBed, type RelayBed } from './support/relay-bed';
import { waitUntil } from '@frm/testing';

const STREAMS = 8;
const EVENTS_PER_STREAM = 30;

describe('EventRelay when something fails under it', () => {
  let bed: RelayBed;

  beforeAll(async () => {
    bed = await relayBed();
  });
  afterAll(async () => {
    await bed?.dispose();
  });

  it('resumes from its checkpoint: every event at least once, in order per key, the checkpoint never ahead of Kafka', async () => {
    const world = await bed.world();
    const requests = Array.from({ length: STREAMS }, () => randomUUID());
    // Interleaved appends, so that every batch holds several keys.
    for (let chunk = 0; chunk < EVENTS_PER_STREAM / 5; chunk++) {
      for (const requestId of requests) {
        const events = Array.from({ length: 5 }, (_, n) =>
          chunk === 0 && n === 0 ? featureRequestEvents.submitted(requestId) : featureRequestEvents.commented(requestId, chunk * 5 + n),
        );
        await world.eventStore.appendToStream(`feature-request-${requestId}`, events, { expectedRevision: chunk === 0 ? 'no_stream' : BigInt(chunk * 5 - 1) });
      }
    }
    const stored: RecordedEvent[] = [];
    for await (const page of world.eventStore.readAll()) stored.push(...page);
    const upTo = (checkpoint: Position) => stored.filter((event) => comparePositions(event.position, checkpoint) <= 0).length;

    // At every checkpoint write, Kafka must already hold every event up to it; the third write "crashes".
    const observed: { checkpoint: Position; onKafka: number }[] = [];
    let writes = 0;
    let crash: () => void = () => undefined;
    const checkpointDb = interceptedDatabase(bed.postgres.db, async (sql, params) => {
      if (!sql.includes('relay_checkpoints as stored')) return;
      const checkpoint = parsePosition(`${params[1]}/${params[2]}`);
      observed.push({ checkpoint, onKafka: await messageCount(bed.kafka, world.requestsTopic) });
      if (++writes === 3) {
        crash();
        throw new Error('the process died before storing the checkpoint');
      }
    });
    const name = `crashing-${randomUUID()}`;
    const first = world.relay({ name, checkpointDb, batchSize: 40, checkpointEveryMs: 0 });
    crash = () => void first.stop();
    await first.start();
    await waitUntil('the relay crashed', () => writes >= 3);
    await first.stop();
    await first.done;
    const afterCrash = await first.status();
    expect(observed).toHaveLength(3);
    expect(afterCrash.checkpoint).toEqual(observed[1]?.checkpoint);
    for (const { checkpoint, onKafka } of observed) expect(onKafka).toBeGreaterThanOrEqual(upTo(checkpoint));

    const second = world.relay({ name });
    await second.start();
    await bed.caughtUp(second);
    const total = await messageCount(bed.kafka, world.requestsTopic);
    const messages = await readTopic(bed.kafka, world.requestsTopic, total);

    // Batch 3 was on Kafka but not checkpointed: published again, and nothing else twice.
    expect(total).toBe(stored.length + 40);
    for (const requestId of requests) {
      const received = messages.filter((message) => message.key?.toString() === requestId).map((message) => header(message, 'ce_id'));
      const expected = stored.filter((event) => event.data['featureRequestId'] === requestId).map((event) => event.id);
      expect([...new Set(received)]).toEqual(expected);
      expect(isInOrderRuns(received, expected)).toBe(true);
    }
  });

  it('retries a checkpoint it could not store, without sending the batch again, and reports why meanwhile', async () => {
    const world = await bed.world();
    const requestId = randomUUID();
    await world.eventStore.appendToStream(
      `feature-request-${requestId}`,
      [featureRequestEvents.submitted(requestId), featureRequestEvents.commented(requestId, 1), featureRequestEvents.commented(requestId, 2)],
      { expectedRevision: 'no_stream' },
    );
    let failuresLeft = 3;
    const checkpointDb = interceptedDatabase(bed.postgres.db, async (sql) => {
      if (sql.includes('relay_checkpoints as stored') && failuresLeft-- > 0) {
        await new Promise((resolve) => setTimeout(resolve, 30));
        throw new Error('connection terminated unexpectedly');
      }
    });
    const relay = world.relay({ checkpointDb, retry: { initialDelayMs: 100, maxDelayMs: 200 }, checkpointEveryMs: 0 });
    await relay.start();

    await waitUntil('the relay reports the failure', async () => (await relay.status()).state === 'retrying');
    expect((await relay.status()).lastError).toBe('connection terminated unexpectedly');
    await bed.caughtUp(relay);
    expect(await relay.status()).toMatchObject({ state: 'running', lastError: undefined, eventsPublished: 3 });
    expect(await messageCount(bed.kafka, world.requestsTopic)).toBe(3);
  });

  it('stores its checkpoint at most once per interval under a stream of small batches, the last one within the interval, and on stop', async () => {
    const world = await bed.world();
    const writes: { at: number; checkpoint: Position }[] = [];
    const checkpointDb = interceptedDatabase(bed.postgres.db, async (sql, params) => {
      if (sql.includes('relay_checkpoints as stored')) writes.push({ at: Date.now(), checkpoint: parsePosition(`${params[1]}/${params[2]}`) });
    });
    const relay = world.relay({ checkpointDb, checkpointEveryMs: 250, batchSize: 1 });
    await relay.start();
    const started = Date.now();
    const appendOne = async () => {
      const requestId = randomUUID();
      await world.eventStore.appendToStream(`feature-request-${requestId}`, [featureRequestEvents.submitted(requestId)], { expectedRevision: 'no_stream' });
    };
    let batches = 0;
    while (Date.now() - started < 1_200) {
      await appendOne();
      batches++;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const elapsed = Date.now() - started;
    await bed.caughtUp(relay, 5_000);
    const head = await world.eventStore.headPosition();
    expect(writes.at(-1)?.checkpoint).toEqual(head);
    // One write per 250 ms at most (plus the first and the last), though there were dozens of batches.
    expect(batches).toBeGreaterThan(30);
    expect(writes.length).toBeLessThanOrEqual(Math.ceil(elapsed / 250) + 2);
    for (let i = 1; i < writes.length - 1; i++) expect((writes[i] as { at: number }).at - (writes[i - 1] as { at: number }).at).toBeGreaterThanOrEqual(240);

    // A batch acknowledged just before a stop is stored by the stop, not lost to the timer.
    const countBefore = writes.length;
    await appendOne();
    await waitUntil('the last event is on Kafka', async () => (await messageCount(bed.kafka, world.requestsTopic)) === batches + 1);
    await relay.stop();
    expect(writes.length).toBe(countBefore + 1);
    expect((await relay.status()).checkpoint).toEqual(await world.eventStore.headPosition());
  });
});

/** Whether `received` is `expected` in order, except that a run may start again earlier (a resumed relay). */
function isInOrderRuns(received: (string | undefined)[], expected: string[]): boolean {
  let last = -1;
  for (const id of received) {
    const index = expected.indexOf(id as string);
    if (index < 0 || index > last + 1) return false;
    last = index;
  }
  return last === expected.length - 1;
}
