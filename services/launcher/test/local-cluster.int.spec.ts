import { randomBytes } from 'node:crypto';
import { createBenchDatabase, ServiceProcess, type BenchDatabase } from '@frm/bench';
import { frmEventsV1 } from '@frm/contracts';
import { VOTES_TOPIC } from '@frm/messaging';
import { defaultTestDatabaseUrl, testKafka, TopicRecorder, waitUntil, type TestKafka } from '@frm/testing';
import { GatewayUser } from './support/gateway-call';

jest.setTimeout(180_000);

const SECRET = randomBytes(32).toString('base64url');

/**
 * The local-cluster mode of DESIGN.md §4: intake, voting and the gateway each a process of its
 * own, on one server Postgres, Redis and the real Kafka broker; a vote goes in through the gateway
 * and comes out in the tally, on the board and on `frm.votes.v1`.
 */
describe('intake, voting and the gateway as separate processes (local cluster)', () => {
  let kafka: TestKafka;
  let database: BenchDatabase;
  let recorder: TopicRecorder | undefined;
  const processes: ServiceProcess[] = [];
  let gatewayAddress: string;

  beforeAll(async () => {
    kafka = await testKafka();
    database = await createBenchDatabase(process.env['FRM_TEST_DATABASE_URL'] ?? defaultTestDatabaseUrl, 'local_cluster');
    const common = {
      FRM_DATABASE_URL: database.url,
      FRM_KAFKA_BROKERS: kafka.brokers.join(','),
      FRM_KAFKA_CREATE_TOPICS: 'true',
      FRM_KAFKA_TOPIC_PARTITIONS: '3',
      FRM_LOG_LEVEL: 'info',
    };
    const start = (name: string, main: string, readyField: string, env: Record<string, string>) => {
      const child = ServiceProcess.spawn(name, main, readyField, env);
      processes.push(child);
      return child.ready();
    };
    const masterKey = randomBytes(32).toString('base64');
    // One at a time: each creates the event store's tables on first start.
    const compliance = await start('compliance', 'services/compliance/src/main.ts', 'grpc', {
      ...common,
      FRM_COMPLIANCE_GRPC_PORT: '0',
      FRM_MASTER_KEY: masterKey,
      FRM_REDIS_URL: process.env['FRM_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    });
    // What people write is encrypted with keys from compliance, unwrapped with the same master key.
    const intake = await start('intake', 'services/intake/src/main.ts', 'grpc', {
      ...common,
      FRM_INTAKE_GRPC_PORT: '0',
      FRM_COMPLIANCE_GRPC_ADDRESS: compliance,
      FRM_MASTER_KEY: masterKey,
    });
    const voting = await start('voting', 'services/voting/src/main.ts', 'grpc', {
      ...common,
      FRM_VOTING_GRPC_PORT: '0',
      FRM_REDIS_URL: process.env['FRM_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      FRM_SIGNAL_HASH_KEY: randomBytes(32).toString('base64url'),
      FRM_COMPLIANCE_GRPC_ADDRESS: compliance,
      FRM_MASTER_KEY: masterKey,
    });
    gatewayAddress = await start('gateway', 'services/gateway/src/main.ts', 'gateway', {
      FRM_GATEWAY_PORT: '0',
      FRM_JWT_SECRET: SECRET,
      FRM_INTAKE_GRPC_ADDRESS: intake,
      FRM_VOTING_GRPC_ADDRESS: voting,
      FRM_COMPLIANCE_GRPC_ADDRESS: compliance,
      FRM_LOG_LEVEL: 'info',
    });
    recorder = await TopicRecorder.start(kafka, VOTES_TOPIC);
  });

  afterAll(async () => {
    await recorder?.stop();
    for (const child of processes.reverse()) await child.stop().catch(() => child.killNow());
    await kafka?.cleanup();
    await database?.drop();
  });

  it('takes a vote through the gateway into the tally, the board and frm.votes.v1', async () => {
    const author = new GatewayUser(gatewayAddress, SECRET, ['supplier']);
    const submitted = await author.call('submitFeatureRequest', { title: 'Shared shortlist with my partner', category: 'planning-tools' });
    const featureRequestId = submitted['id'] as string;
    const voter = new GatewayUser(gatewayAddress, SECRET, ['couple']);
    const vote = await voter.callVoting('castVote', { featureRequestId }, { 'x-device-fingerprint': `device-${voter.subject}` });
    expect(vote).toMatchObject({ featureRequestId, voterId: voter.subject });

    await waitUntil('the tally counts the vote', async () => (await author.callVoting('getTally', { featureRequestId }))['counted'] === 1n);
    await waitUntil('the board counts the vote', async () => (await author.call('getFeatureRequest', { featureRequestId }))['voteCount'] === 1n);
    const [published] = (await recorder?.keyed(featureRequestId)) ?? [];
    expect(published?.headers?.['ce_type']?.toString()).toBe(frmEventsV1.VoteCast.$type);
    for (const child of processes) expect({ name: child.name, problems: child.problems() }).toEqual({ name: child.name, problems: [] });
  });
});
