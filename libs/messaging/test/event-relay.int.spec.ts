import { randomUUID } from 'node:crypto';
import { loadEventSchemaRegistry } from '@frm/contracts';
import { formatPosition, type EventStore, type RecordedEvent } from '@frm/event-store';
import { findFreePortForTest } from './support/free-port';
import { EventProducer, KafkaUnreachableError, TopicMissingError, UnpublishableEventError, withTopics, frmEventRoutes } from '../src';
import { featureRequestEvents, voteEvents } from './support/events';
import { header, readTopic } from './support/read-topic';
import { relayBed, type RelayBed } from './support/relay-bed';

const registry = loadEventSchemaRegistry();

describe('EventRelay', () => {
  let bed: RelayBed;

  beforeAll(async () => {
    bed = await relayBed();
  });
  afterAll(async () => {
    await bed?.dispose();
  });

  async function storedEvents(eventStore: EventStore): Promise<RecordedEvent[]> {
    const all: RecordedEvent[] = [];
    for await (const page of eventStore.readAll()) all.push(...page);
    return all;
  }

  it('publishes a submitted feature request with CloudEvents headers, keyed by the request, as protobuf of the same JSON', async () => {
    const { eventStore, relay: newRelay, requestsTopic } = await bed.world();
    const requestId = randomUUID();
    const submitted = featureRequestEvents.submitted(requestId, { correlationId: 'corr-1', causationId: 'cmd-1', actor: 'user-1' });
    await eventStore.appendToStream(`feature-request-${requestId}`, [submitted], { expectedRevision: 'no_stream' });
    const stored = (await eventStore.readStream(`feature-request-${requestId}`))[0] as RecordedEvent;

    const relay = newRelay();
    await relay.start();
    const [message] = await readTopic(bed.kafka, requestsTopic, 1);

    expect(message?.key?.toString()).toBe(requestId);
    expect(Object.fromEntries(Object.entries(message?.headers ?? {}).map(([name, value]) => [name, String(value)]))).toEqual({
      ce_specversion: '1.0',
      ce_id: submitted.id,
      ce_type: 'frm.events.v1.FeatureRequestSubmitted',
      ce_source: '/frm/intake',
      ce_subject: requestId,
      ce_time: '2026-06-20T10:00:00.250Z',
      ce_correlationid: 'corr-1',
      ce_causationid: 'cmd-1',
      'content-type': 'application/protobuf',
      'frm-position': formatPosition(stored.position),
      'frm-stream-id': `feature-request-${requestId}`,
      'frm-stream-revision': '0',
    });
    expect(registry.fromBinary(submitted.type, message?.value as Buffer)).toEqual(submitted.data);
  });

  it('keeps each feature request\'s events, and all votes on it, in order on one partition', async () => {
    const { eventStore, relay: newRelay, requestsTopic, votesTopic } = await bed.world();
    const requests: string[] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    for (const requestId of requests) {
      const events = [featureRequestEvents.submitted(requestId), ...[1, 2, 3].map((n) => featureRequestEvents.commented(requestId, n))];
      await eventStore.appendToStream(`feature-request-${requestId}`, events, { expectedRevision: 'no_stream' });
    }
    for (let round = 0; round < 3; round++) {
      for (const requestId of requests) {
        const voterId = randomUUID();
        await eventStore.appendToStream(
          `vote-${requestId}-${voterId}`,
          [voteEvents.cast(requestId, voterId), voteEvents.retracted(requestId, voterId)],
          { expectedRevision: 'no_stream' },
        );
      }
    }
    const relay = newRelay({ batchSize: 7 });
    await relay.start();
    const requestMessages = await readTopic(bed.kafka, requestsTopic, 16);
    const voteMessages = await readTopic(bed.kafka, votesTopic, 24);

    const stored = await storedEvents(eventStore);
    const idsOf = (family: string, requestId: string) =>
      stored.filter((event) => event.type.startsWith(family) && event.data['featureRequestId'] === requestId).map((event) => event.id);
    for (const requestId of requests) {
      for (const [messages, family] of [
        [requestMessages, 'frm.events.v1.FeatureRequest'],
        [voteMessages, 'frm.events.v1.Vote'],
      ] as const) {
        const ofRequest = messages.filter((message) => message.key?.toString() === requestId);
        expect(new Set(ofRequest.map((message) => message.partition)).size).toBe(1);
        expect(ofRequest.map((message) => header(message, 'ce_id'))).toEqual(idsOf(family, requestId));
      }
    }
  });

  it('reports checkpoint, head and lag, and after stop and start publishes only what came since', async () => {
    const { eventStore, schema, relay: newRelay, requestsTopic } = await bed.world();
    const requestId = randomUUID();
    const stream = `feature-request-${requestId}`;
    await eventStore.appendToStream(stream, [featureRequestEvents.submitted(requestId)], { expectedRevision: 'no_stream' });
    const relay = newRelay({ checkpointSchema: schema });
    expect(await relay.status()).toMatchObject({ state: 'stopped', checkpoint: undefined, lag: 1n });
    await relay.start();
    await bed.caughtUp(relay);
    const running = await relay.status();
    expect(running).toMatchObject({ state: 'running', lag: 0n, lastError: undefined });
    expect(running.checkpoint).toEqual(running.head);
    expect(running.eventsPublished).toBeGreaterThanOrEqual(1);

    await relay.stop();
    await eventStore.appendToStream(stream, [featureRequestEvents.commented(requestId, 1), featureRequestEvents.commented(requestId, 2)], {
      expectedRevision: 0n,
    });
    const stopped = await relay.status();
    expect(stopped.state).toBe('stopped');
    expect(stopped.lag).toBeGreaterThanOrEqual(2n);

    await relay.start();
    await bed.caughtUp(relay);
    const messages = await readTopic(bed.kafka, requestsTopic, 3);
    expect(messages.map((message) => header(message, 'frm-stream-revision'))).toEqual(['0', '1', '2']);
  });

  it('re-publishes from a position, marking the messages as a replay', async () => {
    const { eventStore, relay: newRelay, requestsTopic } = await bed.world();
    const requestId = randomUUID();
    const stream = `feature-request-${requestId}`;
    await eventStore.appendToStream(stream, [featureRequestEvents.submitted(requestId)], { expectedRevision: 'no_stream' });
    const { position } = await eventStore.appendToStream(stream, [featureRequestEvents.commented(requestId)], { expectedRevision: 0n });
    await eventStore.appendToStream(stream, [featureRequestEvents.commented(requestId, 2)], { expectedRevision: 1n });

    const replay = newRelay({ replay: true, startAfter: position });
    await replay.start();
    const [message] = await readTopic(bed.kafka, requestsTopic, 1);
    expect(header(message as never, 'frm-stream-revision')).toBe('2');
    expect(header(message as never, 'frm-replay')).toBe('true');
  });

  it('stops in front of an event it cannot encode, with the events before it published and checkpointed', async () => {
    const { eventStore, relay: newRelay, requestsTopic } = await bed.world();
    const requestId = randomUUID();
    const stream = `feature-request-${requestId}`;
    await eventStore.appendToStream(stream, [featureRequestEvents.submitted(requestId)], { expectedRevision: 'no_stream' });
    // The store took it (no schema validation on this one); the relay cannot encode it.
    const broken = { id: randomUUID(), type: 'frm.events.v1.FeatureRequestEdited', data: { featureRequestId: requestId, title: 42 } };
    await eventStore.appendToStream(stream, [broken], { expectedRevision: 0n });
    const [first] = await eventStore.readStream(stream);

    const relay = newRelay({ batchSize: 1 });
    await relay.start();
    const error = await relay.done.then(() => undefined, (e: unknown) => e);

    expect(error).toBeInstanceOf(UnpublishableEventError);
    expect((error as Error).message).toContain(broken.id);
    expect((error as Error).message).toContain('resumes at this event');
    const status = await relay.status();
    expect(status.state).toBe('failed');
    expect(status.checkpoint).toEqual(first?.position);
    expect(await readTopic(bed.kafka, requestsTopic, 1)).toHaveLength(1);
  });

  it('refuses to start, in one line, when a topic is missing and it may not create it', async () => {
    const { relay: newRelay } = await bed.world();
    const routes = withTopics(frmEventRoutes, { 'frm.feature-requests.v1': `missing-${randomUUID()}`, 'frm.votes.v1': `missing-${randomUUID()}` });
    const relay = newRelay({ routes });
    const error = await relay.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TopicMissingError);
    expect((error as Error).message).toMatch(/^Kafka topic\(s\) missing-.+, missing-.+ do not exist; create them .+createTopics setting$/);
    expect((await relay.status()).state).toBe('failed');
  });

  it('creates its topics when told to', async () => {
    const requestsTopic = `created-${randomUUID()}`;
    const routes = withTopics(frmEventRoutes, { 'frm.feature-requests.v1': requestsTopic, 'frm.votes.v1': `created-${randomUUID()}` });
    const { relay: newRelay } = await bed.world();
    const relay = newRelay({ routes, createTopics: { numPartitions: 2 } });
    await relay.start();
    const admin = bed.kafka.kafka.admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [requestsTopic] });
      expect(topics[0]?.partitions).toHaveLength(2);
      await admin.deleteTopics({ topics: routes.map((route) => route.topic) });
    } finally {
      await admin.disconnect();
    }
  });
});

describe('without a broker', () => {
  it('the producer fails to open with one line naming the address, the cause and what to do', async () => {
    const address = `127.0.0.1:${await findFreePortForTest()}`;
    const error = await EventProducer.open({ brokers: [address], connectTimeoutMs: 1_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KafkaUnreachableError);
    const message = (error as Error).message;
    expect(message).toMatch(new RegExp(`^Kafka did not answer on ${address} within 1 s \\(ECONNREFUSED\\); is it running\\? `));
    expect(message).toContain('npm run kafka:start');
    expect(message).not.toContain('\n');
  });
});
