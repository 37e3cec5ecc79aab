import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { callerMetadataOf, type CallerClaims } from '@frm/caller';
import { frmEventsV1, frmV1, timestampFromDate } from '@frm/contracts';
import { openPostgresEventStore, type EventStore } from '@frm/event-store';
import { createLogger } from '@frm/logging';
import { frmEventRoutes, FEATURE_REQUESTS_TOPIC, VOTES_TOPIC, type EventRoute } from '@frm/messaging';
import { quoteIdent } from '@frm/postgres';
import { ServiceTestClient, testKafka, testPostgres, TopicRecorder, type TestKafka, type TestPostgres } from '@frm/testing';
import { startDrOrchestrator, type RunningDrOrchestrator } from '../src';
import { featureRequestSubmitted, voteCast } from './support/platform-events';

const admin: CallerClaims = { subject: randomUUID(), roles: ['admin'] };
const THURSDAY = new Date('2026-11-26T10:00:00Z');

class RecoveryClient extends ServiceTestClient<frmV1.RecoveryServiceController, CallerClaims> {
  constructor(address: string) {
    super(address, frmV1.RecoveryServiceService, frmV1, (as) => callerMetadataOf(as));
  }
}

describe('RepublishEvents to a real Kafka', () => {
  let pg: TestPostgres;
  let kafka: TestKafka;
  let eventStore: EventStore;
  let orchestrator: RunningDrOrchestrator;
  let withoutKafka: RunningDrOrchestrator;
  let client: RecoveryClient;
  let votesTopic: string;
  let requestsTopic: string;
  let votes: TopicRecorder;
  let requestsRecorder: TopicRecorder;
  const featureRequestId = randomUUID();

  const castVotes = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const { streamId, event } = voteCast(featureRequestId);
      await eventStore.appendToStream(streamId, [event], { expectedRevision: 'no_stream' });
    }
  };

  beforeAll(async () => {
    pg = await testPostgres({ prefix: 'dr_republish' });
    kafka = await testKafka();
    votesTopic = await kafka.createTopic({ prefix: 'votes' });
    requestsTopic = await kafka.createTopic({ prefix: 'requests' });
    const routes: EventRoute[] = frmEventRoutes.map((route) => ({ ...route, topic: route.topic === VOTES_TOPIC ? votesTopic : route.topic === FEATURE_REQUESTS_TOPIC ? requestsTopic : route.topic }));
    const eventStoreSchema = `${pg.schema}_events`;
    eventStore = await openPostgresEventStore(pg.db, { schema: eventStoreSchema });
    await eventStore.appendToStream(
      `feature-request-${featureRequestId}`,
      [featureRequestSubmitted(featureRequestId, { title: 'pii:v1:ciphertext-stays-ciphertext' })],
      { expectedRevision: 'no_stream' },
    );
    await castVotes(40);
    const common = {
      db: pg.db,
      logger: createLogger({ service: 'dr-test', level: 'silent' }),
      openEventStore: () => openPostgresEventStore(pg.db, { schema: eventStoreSchema }),
      port: 0,
      projections: [],
      clock: () => THURSDAY,
      routes,
    };
    orchestrator = await startDrOrchestrator({ ...common, kafka: { brokers: kafka.brokers } });
    withoutKafka = await startDrOrchestrator(common);
    client = new RecoveryClient(orchestrator.address);
    votes = await TopicRecorder.start(kafka, votesTopic);
    requestsRecorder = await TopicRecorder.start(kafka, requestsTopic);
  });
  afterAll(async () => {
    client?.close();
    await votes?.stop();
    await requestsRecorder?.stop();
    await orchestrator?.close();
    await withoutKafka?.close();
    await eventStore?.close();
    await kafka?.cleanup();
    if (pg) {
      await pg.db.exec(`drop schema if exists ${quoteIdent(`${pg.schema}_events`)} cascade`);
      await pg.cleanup();
    }
  });

  it('sends the chosen topic again at the rate asked, each message marked as a replay and keyed as the relay keys it', async () => {
    const started = Date.now();
    const updates = await client.streamed('republishEvents', { fromPosition: '0/0', topics: [votesTopic], ratePerSecond: 20 }, admin);
    const elapsed = Date.now() - started;
    const last = updates.at(-1);
    expect(last).toMatchObject({ done: true, eventsSent: '40', eventsScanned: '40' });
    expect(updates.slice(0, -1).map((update) => Number(update.eventsSent))).toEqual([20, 40]);
    // 40 messages at 20 a second: the second second's budget is waited for.
    expect(elapsed).toBeGreaterThanOrEqual(1_000);
    const received = await votes.keyed(featureRequestId, 40);
    expect(received).toHaveLength(40);
    for (const message of received) {
      expect(message.headers?.['frm-replay']?.toString()).toBe('true');
      expect(message.headers?.['ce_type']?.toString()).toBe(frmEventsV1.VoteCast.$type);
    }
    expect(new Set(received.map((message) => message.headers?.['ce_id']?.toString())).size).toBe(40);
    expect(requestsRecorder.messages).toHaveLength(0);
  });

  it('sends from a time: only the events recorded since, as stored (ciphertext stays ciphertext)', async () => {
    const since = new Date();
    await castVotes(3);
    const updates = await client.streamed('republishEvents', { fromTime: timestampFromDate(since) }, admin);
    expect(updates.at(-1)).toMatchObject({ done: true, eventsSent: '3' });
    await votes.keyed(featureRequestId, 43);
    const all = await client.streamed('republishEvents', { fromPosition: '0/0', topics: [requestsTopic] }, admin);
    expect(all.at(-1)).toMatchObject({ eventsSent: '1' });
    const [submitted] = await requestsRecorder.keyed(featureRequestId, 1);
    expect(frmEventsV1.FeatureRequestSubmitted.decode(submitted?.value as Buffer).title).toBe('pii:v1:ciphertext-stays-ciphertext');
  });

  it('refuses bad input and an orchestrator without Kafka, sending nothing', async () => {
    const before = votes.messages.length;
    const invalid = await client.streamed('republishEvents', { topics: ['frm.weddings.v1'] }, admin).catch((error: { code: number; details: string }) => error);
    expect(invalid).toMatchObject({ code: status.INVALID_ARGUMENT, details: expect.stringContaining('from_position: give where to start') });
    const other = new RecoveryClient(withoutKafka.address);
    try {
      const refused = await other.streamed('republishEvents', { fromPosition: '0/0' }, admin).catch((error: { code: number; details: string }) => error);
      expect(refused).toMatchObject({ code: status.FAILED_PRECONDITION, details: expect.stringContaining('set FRM_KAFKA_BROKERS') });
    } finally {
      other.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(votes.messages.length).toBe(before);
  });
});
