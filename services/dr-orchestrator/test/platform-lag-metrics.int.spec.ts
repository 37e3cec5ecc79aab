import { randomUUID } from 'node:crypto';
import { openPostgresEventStore, type EventStore } from '@frm/event-store';
import { createLogger } from '@frm/logging';
import { createKafkaClient, deadLetterTopicOf, RELAY_CHECKPOINT_SCHEMA, RelayCheckpoints } from '@frm/messaging';
import { createMetricsRegistry, type Registry } from '@frm/metrics';
import { quoteIdent } from '@frm/postgres';
import { defineProjection, ProjectionRebuilder, ProjectionRegistry, ProjectionRunner } from '@frm/projections';
import { testKafka, testPostgres, waitUntil, type TestKafka, type TestPostgres } from '@frm/testing';
import { startDrOrchestrator, type RunningDrOrchestrator } from '../src';
import { featureRequestSubmitted } from './support/platform-events';

// A projection of its own, so the test controls how far its live copy got.
const requestTitles = defineProjection(
  {
    name: 'lag_test_titles',
    version: 1,
    eventTypePrefixes: ['frm.events.v1.FeatureRequest'],
    schemaSql: (schema) => [`create table ${schema.table('titles')} (id uuid primary key)`],
    handle: (recorded, schema) => [{ sql: `insert into ${schema.table('titles')} (id) values ($1) on conflict do nothing`, params: [recorded.id] }],
  },
  new ProjectionRegistry(),
);

async function headOf(eventStore: EventStore) {
  const head = await eventStore.headPosition();
  if (!head) throw new Error('the event store is empty');
  return head;
}

describe('the platform lag metrics the DR orchestrator exports', () => {
  let pg: TestPostgres;
  let kafka: TestKafka;
  let eventStore: EventStore;
  let orchestrator: RunningDrOrchestrator;
  let registry: Registry;
  const relayName = `lag-test-${randomUUID()}`;
  const relays = () => new RelayCheckpoints(pg.db, RELAY_CHECKPOINT_SCHEMA);
  let consumedTopic: string;
  let deadLetterTopic: string;
  const group = `lag-test-${randomUUID()}`;
  const admin = () => createKafkaClient({ brokers: kafka.brokers, clientId: 'lag-test' }).admin();

  const submit = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      await eventStore.appendToStream(`feature-request-${id}`, [featureRequestSubmitted(id)], { expectedRevision: 'no_stream' });
    }
  };
  const series = async (name: string) => (await registry.getSingleMetric(name)?.get())?.values ?? [];
  const valueOf = async (name: string, labels: Record<string, string>) =>
    (await series(name)).find((sample) => Object.entries(labels).every(([key, value]) => sample.labels[key] === value))?.value;

  beforeAll(async () => {
    pg = await testPostgres({ prefix: 'dr_lag_metrics' });
    kafka = await testKafka();
    const eventStoreSchema = `${pg.schema}_events`;
    eventStore = await openPostgresEventStore(pg.db, { schema: eventStoreSchema });
    await submit(2);
    // The live copy and the relay have everything up to here; three more events wait for both.
    await new ProjectionRebuilder({ projection: requestTitles, eventStore, db: pg.db, schema: `${pg.schema}_titles` }).rebuild();
    await relays().install();
    await relays().advance(relayName, await headOf(eventStore));
    await submit(3);

    // Five messages, of which the group has committed two; and a dead-letter topic holding one.
    consumedTopic = await kafka.createTopic({ prefix: 'lag-consumed' });
    deadLetterTopic = deadLetterTopicOf(`lag-test-${randomUUID()}`);
    const kafkaAdmin = admin();
    await kafkaAdmin.connect();
    await kafkaAdmin.createTopics({ topics: [{ topic: deadLetterTopic, numPartitions: 1 }], waitForLeaders: true });
    const producer = createKafkaClient({ brokers: kafka.brokers, clientId: 'lag-test' }).producer();
    await producer.connect();
    await producer.send({ topic: consumedTopic, messages: Array.from({ length: 5 }, (_, i) => ({ key: 'k', value: String(i) })) });
    await producer.send({ topic: deadLetterTopic, messages: [{ key: 'k', value: 'gave up' }] });
    await producer.disconnect();
    await kafkaAdmin.setOffsets({ groupId: group, topic: consumedTopic, partitions: [{ partition: 0, offset: '2' }] });
    await kafkaAdmin.disconnect();

    registry = createMetricsRegistry({ processMetrics: false });
    orchestrator = await startDrOrchestrator({
      db: pg.db,
      logger: createLogger({ service: 'dr-test', level: 'silent' }),
      openEventStore: () => openPostgresEventStore(pg.db, { schema: eventStoreSchema }),
      port: 0,
      projections: [requestTitles],
      projectionSchemas: { [requestTitles.name]: `${pg.schema}_titles` },
      kafka: { brokers: kafka.brokers },
      metricsRegistry: registry,
    });
  });

  afterAll(async () => {
    await orchestrator?.close();
    await eventStore?.close();
    if (kafka) {
      const kafkaAdmin = admin();
      await kafkaAdmin.connect();
      await kafkaAdmin.deleteTopics({ topics: [deadLetterTopic] }).catch(() => undefined);
      await kafkaAdmin.deleteGroups([group]).catch(() => undefined);
      await kafkaAdmin.disconnect();
      await kafka.cleanup();
    }
    if (pg) {
      await relays().reset(relayName, undefined);
      for (const schema of [`${pg.schema}_events`, `${pg.schema}_titles`]) await pg.db.exec(`drop schema if exists ${quoteIdent(schema)} cascade`);
      await pg.cleanup();
    }
  });

  it('reports how far behind a projection and a relay are, in events and in seconds', async () => {
    expect(await valueOf('frm_projection_lag_events', { projection: requestTitles.name })).toBe(3);
    expect(await valueOf('frm_projection_lag_seconds', { projection: requestTitles.name })).toBeGreaterThan(0);
    expect(await valueOf('frm_relay_lag_events', { relay: relayName })).toBe(3);
    expect(await valueOf('frm_relay_lag_seconds', { relay: relayName })).toBeGreaterThan(0);
  });

  it('reads the consumer lag and the dead letters from Kafka', async () => {
    expect(await valueOf('frm_kafka_backlog_up', {})).toBe(1);
    expect(await valueOf('frm_kafka_consumer_lag_messages', { group, topic: consumedTopic })).toBe(3);
    expect(await valueOf('frm_dead_letter_messages', { topic: deadLetterTopic })).toBe(1);
    expect(await valueOf('frm_dead_letter_messages_total', { topic: deadLetterTopic })).toBe(1);
  });

  it('reports no lag once the projection and the relay have caught up, and serves it all in the text format', async () => {
    // The live runner follows the store (as far as commits in flight elsewhere on the server let it).
    const runner = new ProjectionRunner({ projection: requestTitles, eventStore, db: pg.db, schema: `${pg.schema}_titles` });
    await runner.start();
    try {
      await relays().advance(relayName, await headOf(eventStore));
      await waitUntil('the projection has caught up', async () => (await valueOf('frm_projection_lag_events', { projection: requestTitles.name })) === 0, {
        timeoutMs: 20_000,
        intervalMs: 1_100,
      });
    } finally {
      await runner.stop();
    }
    expect(await valueOf('frm_projection_lag_events', { projection: requestTitles.name })).toBe(0);
    expect(await valueOf('frm_projection_lag_seconds', { projection: requestTitles.name })).toBe(0);
    expect(await valueOf('frm_relay_lag_seconds', { relay: relayName })).toBe(0);
    const text = await registry.metrics();
    expect(text).toContain(`frm_projection_lag_events{projection="${requestTitles.name}"} 0`);
    expect(text).toContain(`frm_kafka_consumer_lag_messages{group="${group}",topic="${consumedTopic}"} 3`);
  });
});
