import { randomUUID } from 'node:crypto';
import { loadEventSchemaRegistry } from '@frm/contracts';
import { FEATURE_REQUESTS_TOPIC, decodeEventMessage, headerText } from '@frm/messaging';
import { testKafka, TopicRecorder, type RecordedMessage, type TestKafka } from '@frm/testing';
import { couple, supplier } from './support/intake-test-bed';
import { IntakeClient } from './support/intake-client';
import { IntakeProcess } from './support/intake-process';
import { freshDatabase, type FreshDatabase } from '@frm/testing';


jest.setTimeout(180_000);

const registry = loadEventSchemaRegistry();

/**
 * The local-cluster mode of DESIGN.md §4 with intake as a process of its own: its events and read
 * model in the server Postgres, its relay publishing them to the real Kafka broker.
 */
describe('intake as a separate process on Postgres and Kafka (local cluster)', () => {
  let kafka: TestKafka;
  let database: FreshDatabase;
  let recorder: TopicRecorder | undefined;
  const running: IntakeProcess[] = [];
  const clients: IntakeClient[] = [];

  beforeAll(async () => {
    kafka = await testKafka();
    database = await freshDatabase('intake_cluster');
  });

  afterAll(async () => {
    clients.forEach((client) => client.close());
    await Promise.all(running.map((process) => process.crash()));
    await recorder?.stop();
    await kafka?.cleanup();
    await database?.drop();
  });

  function startIntake(env: Record<string, string> = {}): IntakeProcess {
    const intake = IntakeProcess.spawn({
      FRM_DATABASE_URL: database.url,
      FRM_KAFKA_BROKERS: kafka.brokers.join(','),
      FRM_KAFKA_CREATE_TOPICS: 'true',
      FRM_KAFKA_TOPIC_PARTITIONS: '3',
      FRM_INTAKE_GRPC_PORT: '0',
      // One key for every run, so page tokens survive the restart as they would across replicas.
      FRM_PAGE_TOKEN_SECRET: 'local-cluster-test-page-token-key-0123456789',
      FRM_LOG_LEVEL: 'info',
      ...env,
    });
    running.push(intake);
    return intake;
  }

  async function clientOf(intake: IntakeProcess): Promise<IntakeClient> {
    const client = new IntakeClient(await intake.ready());
    clients.push(client);
    return client;
  }

  function expectSubmittedEvent(message: RecordedMessage, featureRequestId: string, title: string): void {
    const header = (name: string) => headerText(message.headers, name);
    expect({
      ce_specversion: header('ce_specversion'),
      ce_type: header('ce_type'),
      ce_source: header('ce_source'),
      ce_subject: header('ce_subject'),
    }).toEqual({
      ce_specversion: '1.0',
      ce_type: 'frm.events.v1.FeatureRequestSubmitted',
      ce_source: '/frm/intake',
      ce_subject: featureRequestId,
    });
    expect(header('ce_id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number.isNaN(Date.parse(header('ce_time') ?? ''))).toBe(false);
    const event = decodeEventMessage(message, { topic: message.topic, partition: message.partition }, registry);
    expect(event.data).toMatchObject({ featureRequestId, title });
  }

  it(`publishes submitted requests to ${FEATURE_REQUESTS_TOPIC} with CloudEvents headers, and keeps them across a kill -9`, async () => {
    const first = startIntake();
    const firstClient = await clientOf(first);
    expect(first.lines.some((line) => String(line.msg).includes('events relayed to Kafka'))).toBe(true);

    const author = supplier();
    const firstTitle = `Seating plan export ${randomUUID()}`;
    const submitted = await firstClient.call('submitFeatureRequest', { title: firstTitle, category: 'guest-management' }, author);
    // The process created the topic at start (FRM_KAFKA_CREATE_TOPICS), so it can be read now.
    recorder = await TopicRecorder.start(kafka, FEATURE_REQUESTS_TOPIC);
    const [firstMessage] = await recorder.keyed(submitted.id);
    expectSubmittedEvent(firstMessage as RecordedMessage, submitted.id, firstTitle);

    await first.crash();

    const second = startIntake();
    const secondClient = await clientOf(second);
    const secondTitle = `Supplier calendar sync ${randomUUID()}`;
    const again = await secondClient.call('submitFeatureRequest', { title: secondTitle, category: 'guest-management' }, couple());
    const [secondMessage] = await recorder.keyed(again.id);
    expectSubmittedEvent(secondMessage as RecordedMessage, again.id, secondTitle);
    // The first request is still on the topic, and still in the service after the crash.
    expect(await recorder.keyed(submitted.id)).not.toHaveLength(0);
    const survived = await secondClient.call('getFeatureRequest', { featureRequestId: submitted.id }, couple());
    expect(survived).toMatchObject({ id: submitted.id, title: firstTitle, authorId: author.subject });

    expect(await second.stop()).toBe(0);
    expect(await database.query('select relay from relay.relay_checkpoints')).toEqual([{ relay: 'intake-feature-requests' }]);
  });

  it('refuses to start with one line naming the address when Kafka does not answer', async () => {
    const intake = startIntake({ FRM_KAFKA_BROKERS: '127.0.0.1:9', FRM_KAFKA_CONNECT_TIMEOUT: '1s' });

    expect(await intake.exitCode()).toBe(1);
    expect(intake.lines).toHaveLength(1);
    expect(intake.lines[0]).toMatchObject({ level: 'fatal', error: 'KafkaUnreachableError' });
    expect(intake.lines[0]?.msg).toMatch(/Kafka did not answer on 127\.0\.0\.1:9 .*FRM_KAFKA_BROKERS/);
    expect(intake.lines[0]).not.toHaveProperty('err');
  });
});
