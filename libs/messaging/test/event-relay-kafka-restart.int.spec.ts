import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RecordedEvent } from '@frm/event-store';
import { KafkaBroker } from '@frm/testing';
import { featureRequestEvents } from './support/events';
import { header, messageCount, readTopic } from './support/read-topic';
import { relayBed, type RelayBed } from './support/relay-bed';
import { waitUntil } from '@frm/testing';

describe('EventRelay while Kafka crashes and comes back', () => {
  // A broker of its own: killing the shared one would break the tests running beside this one.
  let broker: KafkaBroker;
  let bed: RelayBed;

  beforeAll(async () => {
    broker = await KafkaBroker.start();
    bed = await relayBed(broker.brokers);
  }, 90_000);
  afterAll(async () => {
    await bed?.dispose();
    await broker?.stop();
  }, 60_000);

  it('loses no event appended before, during or after the outage, and keeps each key in order', async () => {
    const world = await bed.world();
    const requests = Array.from({ length: 5 }, () => randomUUID());
    const revisions = new Map<string, bigint>();
    let writing = true;
    const writer = (async () => {
      for (let step = 0; writing; step++) {
        const requestId = requests[step % requests.length] as string;
        const revision = revisions.get(requestId);
        const events = revision === undefined ? [featureRequestEvents.submitted(requestId)] : [featureRequestEvents.commented(requestId, step)];
        const { nextExpectedRevision } = await world.eventStore.appendToStream(`feature-request-${requestId}`, events, {
          expectedRevision: revision ?? 'no_stream',
        });
        revisions.set(requestId, nextExpectedRevision);
        await sleep(10);
      }
    })();
    const relay = world.relay({ batchSize: 20, retry: { initialDelayMs: 100, maxDelayMs: 1_000 } });
    await relay.start();
    await waitUntil('some events are published', async () => (await relay.status()).eventsPublished >= 40);

    await broker.kill();
    // A send in flight when the broker died may still be checkpointed; after that nothing can be.
    await sleep(500);
    const checkpointWhileDown = (await relay.status()).checkpoint;
    await sleep(1_500);
    expect((await relay.status()).checkpoint).toEqual(checkpointWhileDown);
    await broker.launch();
    await sleep(1_000);
    writing = false;
    await writer;
    await bed.caughtUp(relay, 60_000);

    const stored: RecordedEvent[] = [];
    for await (const page of world.eventStore.readAll()) stored.push(...page);
    const messages = await readTopic(bed.kafka, world.requestsTopic, await messageCount(bed.kafka, world.requestsTopic));
    expect(new Set(messages.map((message) => header(message, 'ce_id')))).toEqual(new Set(stored.map((event) => event.id)));
    for (const requestId of requests) {
      const received = messages.filter((message) => message.key?.toString() === requestId).map((message) => header(message, 'ce_id'));
      expect([...new Set(received)]).toEqual(stored.filter((event) => event.data['featureRequestId'] === requestId).map((event) => event.id));
    }
  }, 120_000);
});
