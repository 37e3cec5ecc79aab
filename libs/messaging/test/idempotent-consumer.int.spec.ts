import { randomBytes, randomUUID } from 'node:crypto';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { currentTraceId, flushTraces, SpanKind, startTracing } from '@frm/tracing';
import type { IHeaders, Message, Producer } from 'kafkajs';
import { loadEventSchemaRegistry } from '@frm/contracts';
import type { NewEvent, RecordedEvent } from '@frm/event-store';
import { idempotentProducerRetry, testKafka, testPostgres, uniqueName, type TestKafka, type TestPostgres } from '@frm/testing';
import { IdempotentConsumer, frmEventRoutes, toEventMessage, withTopics, type EventHandler, type IdempotentConsumerOptions } from '../src';
import { voteEvents } from './support/events';
import { header, readTopic } from './support/read-topic';
import { testLogger } from './support/test-logger';
import { waitUntil } from '@frm/testing';

const registry = loadEventSchemaRegistry();
const requestId = randomUUID();

describe('IdempotentConsumer', () => {
  let kafka: TestKafka;
  let postgres: TestPostgres;
  let producer: Producer;
  const consumers: IdempotentConsumer[] = [];

  beforeAll(async () => {
    kafka = await testKafka();
    postgres = await testPostgres({ prefix: 'consumer' });
    await postgres.db.exec(`create table tallied (event_id text not null, voter_id text not null)`);
    producer = kafka.kafka.producer({ idempotent: true, retry: idempotentProducerRetry });
    await producer.connect();
  });
  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((consumer) => consumer.stop()));
  });
  afterAll(async () => {
    await producer?.disconnect();
    await postgres?.cleanup();
    await kafka?.cleanup();
  });

  /** The Kafka message the relay would make of a vote event. */
  function voteMessage(event: NewEvent, topic: string, metadata: RecordedEvent['metadata'] = {}): Message {
    const recorded: RecordedEvent = {
      ...event,
      metadata,
      streamId: `vote-${requestId}-${String(event.data['voterId'])}`,
      revision: 0n,
      position: { commit: 1n, prepare: 1n },
      recordedAt: new Date(),
    };
    return toEventMessage(recorded, { routes: withTopics(frmEventRoutes, { 'frm.votes.v1': topic }), registry }).message;
  }

  async function send(topic: string, messages: Message[]): Promise<void> {
    await producer.send({ topic, acks: -1, messages });
  }

  /** Records each vote it handles in `tallied`, in the consumer's transaction. */
  const tally: EventHandler = async (event, tx) => {
    await tx.query(`insert into tallied (event_id, voter_id) values ($1, $2)`, [event.id, event.data['voterId']]);
  };

  function consumer(topic: string, options: Partial<IdempotentConsumerOptions> = {}): IdempotentConsumer {
    const created = new IdempotentConsumer({
      name: uniqueName('tally'),
      kafka: { brokers: kafka.brokers, clientId: 'consumer-test', logger: testLogger('consumer-kafka') },
      topics: [topic],
      db: postgres.db,
      handle: tally,
      maxAttempts: 3,
      retry: { initialDelayMs: 10, maxDelayMs: 50 },
      consumerConfig: { maxWaitTimeInMs: 100 },
      logger: testLogger('consumer'),
      ...options,
    });
    consumers.push(created);
    return created;
  }

  async function talliedCount(eventId: string): Promise<number> {
    const [row] = await postgres.db.query<{ n: string }>(`select count(*)::text as n from tallied where event_id = $1`, [eventId]);
    return Number(row?.n);
  }

  async function committedOffset(groupId: string, topic: string): Promise<string | undefined> {
    const admin = kafka.kafka.admin();
    await admin.connect();
    try {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return offsets?.partitions[0]?.offset;
    } finally {
      await admin.disconnect();
    }
  }

  it('applies a redelivered event once, also when a new group reads everything again', async () => {
    const topic = await kafka.createTopic({ prefix: 'votes' });
    const [a, b, c] = [1, 2, 3].map(() => voteEvents.cast(requestId, randomUUID())) as [NewEvent, NewEvent, NewEvent];
    await send(topic, [voteMessage(a, topic), voteMessage(b, topic), voteMessage(a, topic), voteMessage(c, topic)]);

    const first = consumer(topic);
    await first.start();
    await waitUntil('all four messages are consumed', () => first.status().handled + first.status().duplicates === 4);
    expect(first.status()).toMatchObject({ handled: 3, duplicates: 1, deadLettered: 0, state: 'running' });
    await waitUntil('the offset is committed', async () => (await committedOffset(first.groupId, topic)) === '4');

    const again = consumer(topic, { name: first.name, groupId: uniqueName('new-group') });
    await again.start();
    await waitUntil('the new group read all four', () => again.status().duplicates === 4);
    expect(again.status().handled).toBe(0);
    for (const event of [a, b, c]) expect(await talliedCount(event.id)).toBe(1);
  });

  it('handles each event in a consumer span of the trace that caused it', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = startTracing({ service: 'consumer-test', exporter });
    try {
      const topic = await kafka.createTopic({ prefix: 'votes' });
      const traceId = randomBytes(16).toString('hex');
      const causedBy = randomBytes(8).toString('hex');
      const vote = voteEvents.cast(requestId, randomUUID());
      await send(topic, [voteMessage(vote, topic, { traceparent: `00-${traceId}-${causedBy}-01` })]);
      let activeTrace: string | undefined;
      const traced = consumer(topic, {
        handle: async (event, tx) => {
          activeTrace = currentTraceId();
          await tally(event, tx);
        },
      });
      await traced.start();
      await waitUntil('the vote is handled', () => traced.status().handled === 1);
      await flushTraces();
      const [span] = exporter.getFinishedSpans();
      expect(span).toMatchObject({ name: `${topic} process`, kind: SpanKind.CONSUMER });
      expect(span?.spanContext().traceId).toBe(traceId);
      expect(span?.parentSpanContext?.spanId).toBe(causedBy);
      expect(span?.attributes).toMatchObject({ 'messaging.system': 'kafka', 'messaging.message.id': vote.id, 'messaging.consumer.group.name': traced.groupId });
      expect(activeTrace).toBe(traceId);
    } finally {
      await tracing.shutdown();
    }
  });

  it('commits no offset while the transaction fails, and after a restart handles the message once', async () => {
    const topic = await kafka.createTopic({ prefix: 'votes' });
    const vote = voteEvents.cast(requestId, randomUUID());
    await send(topic, [voteMessage(vote, topic)]);
    let attempts = 0;
    const failing = consumer(topic, {
      maxAttempts: 1_000,
      handle: async (event, tx) => {
        attempts += 1;
        await tally(event, tx);
        throw new Error('the tally service is down');
      },
    });
    await failing.start();
    await waitUntil('the handler failed three times', () => attempts >= 3);

    expect(failing.status()).toMatchObject({ state: 'retrying', handled: 0, lastError: 'the tally service is down' });
    expect(await talliedCount(vote.id)).toBe(0);
    expect(await committedOffset(failing.groupId, topic)).toBe('-1');
    await failing.stop();

    const fixed = consumer(topic, { name: failing.name, groupId: failing.groupId });
    await fixed.start();
    await waitUntil('the vote is tallied', async () => (await talliedCount(vote.id)) === 1);
    await waitUntil('the offset is committed', async () => (await committedOffset(fixed.groupId, topic)) === '1');
    expect(fixed.status()).toMatchObject({ handled: 1, duplicates: 0 });
  });

  it('sends a message that keeps failing to <topic>.dlq with the error, and goes on with the next', async () => {
    const topic = await kafka.createTopic({ prefix: 'votes' });
    const [good, poison, next] = [1, 2, 3].map(() => voteEvents.cast(requestId, randomUUID())) as [NewEvent, NewEvent, NewEvent];
    await send(topic, [voteMessage(good, topic), voteMessage(poison, topic), voteMessage(next, topic)]);
    const tried: string[] = [];
    const picky = consumer(topic, {
      handle: async (event, tx) => {
        tried.push(event.id);
        if (event.id === poison.id) throw new TypeError('weight must be positive');
        await tally(event, tx);
      },
    });
    await picky.start();
    await waitUntil('the next vote is tallied', async () => (await talliedCount(next.id)) === 1);
    const [letter] = await readTopic(kafka, `${topic}.dlq`, 1);

    expect(await talliedCount(good.id)).toBe(1);
    expect(await talliedCount(poison.id)).toBe(0);
    expect(tried.filter((id) => id === poison.id).length).toBeGreaterThanOrEqual(3);
    expect(letter?.key?.toString()).toBe(requestId);
    expect(registry.fromBinary('frm.events.v1.VoteCast', letter?.value as Buffer)).toEqual(poison.data);
    expect(headersOf(letter?.headers)).toMatchObject({
      ce_id: poison.id,
      ce_type: 'frm.events.v1.VoteCast',
      'frm-dlq-error-message': 'weight must be positive',
      'frm-dlq-error-type': 'TypeError',
      'frm-dlq-attempts': '3',
      'frm-dlq-original-topic': topic,
      'frm-dlq-original-partition': '0',
      'frm-dlq-original-offset': '1',
      'frm-dlq-consumer': picky.name,
    });
    await waitUntil('the offset is committed past all three', async () => (await committedOffset(picky.groupId, topic)) === '3');
    expect(picky.status()).toMatchObject({ handled: 2, deadLettered: 1 });
  });

  it('sends messages that are not readable events to the dead-letter topic at once', async () => {
    const topic = await kafka.createTopic({ prefix: 'votes' });
    const vote = voteEvents.cast(requestId, randomUUID());
    const garbled = { ...voteMessage(voteEvents.cast(requestId, randomUUID()), topic), value: Buffer.from('not protobuf at all') };
    await send(topic, [{ key: 'x', value: 'a plain string, no headers' }, garbled, voteMessage(vote, topic)]);
    let calls = 0;
    const reader = consumer(topic, {
      handle: async (event, tx) => {
        calls += 1;
        await tally(event, tx);
      },
    });
    await reader.start();
    await waitUntil('the readable vote is tallied', async () => (await talliedCount(vote.id)) === 1);
    const letters = await readTopic(kafka, `${topic}.dlq`, 2);

    expect(calls).toBe(1);
    expect(letters.map((letter) => header(letter, 'frm-dlq-original-offset'))).toEqual(['0', '1']);
    expect(letters.map((letter) => header(letter, 'frm-dlq-error-type'))).toEqual(['UndecodableMessageError', 'UndecodableMessageError']);
    expect(letters.map((letter) => header(letter, 'frm-dlq-attempts'))).toEqual(['0', '0']);
    expect(header(letters[0] as never, 'frm-dlq-error-message')).toMatch(/no ce_specversion header/);
    expect(header(letters[1] as never, 'frm-dlq-error-message')).toMatch(/bytes do not decode/);
    expect(letters[0]?.value?.toString()).toBe('a plain string, no headers');
  });
});

function headersOf(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, String(value)]));
}
