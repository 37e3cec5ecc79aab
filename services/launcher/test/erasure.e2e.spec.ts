import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@connectrpc/connect';
import { createGrpcWebTransport } from '@connectrpc/connect-node';
import { createBenchDatabase, type BenchDatabase } from '@frm/bench';
import { readDescriptorImage } from '@frm/contracts';
import { signAccessToken, type Role } from '@frm/gateway';
import { FEATURE_REQUESTS_TOPIC } from '@frm/messaging';
import { openPgDatabase, openPgliteDatabase, quoteIdent, type SqlDatabase } from '@frm/postgres';
import { defaultTestDatabaseUrl, defaultTestRedisUrl, testKafka, TopicRecorder, waitUntil, type TestKafka } from '@frm/testing';
import { dumpKafkaTopics, dumpRedis } from './support/data-dumps';
import { LauncherProcess } from './support/launcher-process';

jest.setTimeout(240_000);

const SECRET = randomBytes(32).toString('base64url');
const MARKER = `ZQX${randomBytes(5).toString('hex')}`;

type AnyClient = Record<string, (request: object, options: { headers: Record<string, string> }) => unknown>;

/** Where the platform under test keeps its data, and how the test looks into it afterwards. */
interface Mode {
  /** Settings for the launcher beyond ports, secret and log level. */
  env(): Promise<Record<string, string>>;
  /** The platform's database, opened after the platform stopped. */
  openDatabase(): Promise<SqlDatabase>;
  /** The other stores data passes through: Kafka topics and Redis keys, each entry as text. */
  otherStores(): Promise<Array<{ store: string; text: string }>>;
  /** Waits until the request's events reached the other stores, so that searching them means something. */
  reachedOtherStores(featureRequestId: string): Promise<void>;
  cleanup(): Promise<void>;
}

function embedded(dataDir: () => string): Mode {
  return {
    env: async () => ({}),
    openDatabase: () => openPgliteDatabase({ dataDir: join(dataDir(), 'pglite') }),
    otherStores: async () => [],
    reachedOtherStores: async () => undefined,
    cleanup: async () => undefined,
  };
}

/** The server Postgres (a database of its own), the test Kafka broker and Redis. */
function onServers(): Mode {
  const redisUrl = process.env['FRM_TEST_REDIS_URL'] ?? defaultTestRedisUrl;
  let database: BenchDatabase | undefined;
  let kafka: TestKafka | undefined;
  let recorder: TopicRecorder | undefined;
  return {
    async env() {
      database = await createBenchDatabase(process.env['FRM_TEST_DATABASE_URL'] ?? defaultTestDatabaseUrl, 'erasure');
      kafka = await testKafka();
      recorder = await TopicRecorder.start(kafka, FEATURE_REQUESTS_TOPIC).catch(() => undefined);
      return {
        FRM_DATABASE_URL: database.url,
        FRM_KAFKA_BROKERS: kafka.brokers.join(','),
        FRM_KAFKA_CREATE_TOPICS: 'true',
        FRM_REDIS_URL: redisUrl,
        FRM_MASTER_KEY: randomBytes(32).toString('base64'),
      };
    },
    openDatabase: async () => openPgDatabase({ connectionString: (database as BenchDatabase).url, maxConnections: 2 }),
    async otherStores() {
      const topics = await dumpKafkaTopics((kafka as TestKafka).kafka);
      const keys = await dumpRedis(redisUrl);
      expect(keys.length).toBeGreaterThan(0);
      return [...topics.map((m) => ({ store: `kafka topic ${m.topic}`, text: m.text })), ...keys.map((k) => ({ store: `redis key ${k.key}`, text: k.text }))];
    },
    async reachedOtherStores(featureRequestId) {
      // The topic may not exist before the platform creates it: the recorder then starts late.
      recorder ??= await TopicRecorder.start(kafka as TestKafka, FEATURE_REQUESTS_TOPIC);
      await recorder.keyed(featureRequestId, 1, 60_000);
    },
    async cleanup() {
      await recorder?.stop();
      await kafka?.cleanup();
      await database?.drop();
    },
  };
}

/**
 * GDPR erasure on the platform `npm start` runs, as a process of its own, in two set-ups: embedded
 * (PGlite, nothing else) and on the servers (Postgres, Kafka, Redis). A couple with marker strings
 * in their name, e-mail, a request's title and description, and a comment, who also votes; an
 * admin erases them through the gateway. Afterwards no marker is anywhere the data lives — every
 * row of every table of every schema (the event store's raw rows among them), every message of
 * every Kafka topic, every Redis key and value, the platform's logs, an export — while the tallies
 * are unchanged and the history keeps all its events.
 */
describe.each([
  ['embedded (PGlite)', (dataDir: () => string) => embedded(dataDir)],
  ['on server Postgres, Kafka and Redis', () => onServers()],
])('erasure through the gateway leaves the marker nowhere: %s', (_name, modeOf) => {
  let dataDir: string;
  let launcher: LauncherProcess;
  let gateway: string;
  const mode: Mode = modeOf(() => dataDir);

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'frm-erasure-'));
    launcher = LauncherProcess.start({
      FRM_DATA_DIR: dataDir,
      FRM_INTAKE_GRPC_PORT: '0',
      FRM_VOTING_GRPC_PORT: '0',
      FRM_COMPLIANCE_GRPC_PORT: '0',
      FRM_NOTIFICATIONS_GRPC_PORT: '0',
      FRM_TRIAGE_GRPC_PORT: '0',
      FRM_DR_GRPC_PORT: '0',
      FRM_GATEWAY_PORT: '0',
      FRM_JWT_SECRET: SECRET,
      FRM_LOG_LEVEL: 'debug',
      ...(await mode.env()),
    });
    gateway = String((await launcher.running())['gateway']).replace(/^http:\/\//, '');
  });

  afterAll(async () => {
    await launcher?.stop('SIGKILL');
    await mode.cleanup();
    await rm(dataDir, { recursive: true, force: true });
  });

  const clientOf = (service: string) => {
    const descriptor = readDescriptorImage().getService(service);
    if (!descriptor) throw new Error(`${service} is not in the descriptor image`);
    return createClient(descriptor, createGrpcWebTransport({ baseUrl: `http://${gateway}`, httpVersion: '1.1' })) as unknown as AnyClient;
  };
  const headersOf = async (sub: string, roles: Role[], claims: Record<string, unknown> = {}) => ({
    authorization: `Bearer ${await signAccessToken({ sub, roles, claims: { account_created_at: Math.floor(Date.now() / 1000) - 400 * 86_400, ...claims } }, SECRET)}`,
  });

  it('erases the subject everywhere, keeps their votes counting and the history whole', async () => {
    const intake = clientOf('frm.v1.IntakeService');
    const voting = clientOf('frm.v1.VotingService');
    const compliance = clientOf('frm.v1.ComplianceService');
    const subject = randomUUID();
    const subjectHeaders = await headersOf(subject, ['couple'], { name: `Ada ${MARKER}`, email: `ada.${MARKER}@example.com` });
    const neighbour = randomUUID();
    const neighbourHeaders = await headersOf(neighbour, ['supplier']);

    const mine = (await intake['submitFeatureRequest']?.(
      { requestId: randomUUID(), title: `Seating ${MARKER}`, description: `Our venue ${MARKER} prints it`, category: 'guest-management' },
      { headers: subjectHeaders },
    )) as { id: string };
    const theirs = (await intake['submitFeatureRequest']?.({ requestId: randomUUID(), title: 'Supplier calendar sync', category: 'planning-tools' }, { headers: neighbourHeaders })) as { id: string };
    await intake['addComment']?.({ requestId: randomUUID(), featureRequestId: theirs.id, body: `Please ${MARKER}` }, { headers: subjectHeaders });
    for (const featureRequestId of [mine.id, theirs.id]) await voting['castVote']?.({ requestId: randomUUID(), featureRequestId }, { headers: subjectHeaders });
    await voting['castVote']?.({ requestId: randomUUID(), featureRequestId: mine.id }, { headers: neighbourHeaders });
    const tallyOf = async (featureRequestId: string) => (await voting['getTally']?.({ featureRequestId }, { headers: neighbourHeaders })) as { counted: bigint; weighted: number };
    await waitUntil('both votes on the request are counted', async () => (await tallyOf(mine.id)).counted === 2n);
    const before = { mine: await tallyOf(mine.id), theirs: await tallyOf(theirs.id) };
    await mode.reachedOtherStores(mine.id);
    const historyBefore = (await intake['listStatusHistory']?.({ featureRequestId: mine.id }, { headers: neighbourHeaders })) as { changes: unknown[] };

    const admin = await headersOf(randomUUID(), ['admin']);
    const certificate = await compliance['eraseSubject']?.({ subjectId: subject, reason: 'GDPR Art. 17 request by e-mail' }, { headers: admin });
    expect(await compliance['eraseSubject']?.({ subjectId: subject, reason: 'GDPR Art. 17 request by e-mail' }, { headers: admin })).toEqual(certificate);

    await waitUntil('the request reads [erased]', async () => ((await intake['getFeatureRequest']?.({ featureRequestId: mine.id }, { headers: neighbourHeaders })) as { title: string }).title === '[erased]');
    const comments = (await intake['listComments']?.({ featureRequestId: theirs.id }, { headers: neighbourHeaders })) as { comments: { body: string }[] };
    expect(comments.comments.map((comment) => comment.body)).toEqual(['[erased]']);
    expect(await tallyOf(mine.id)).toEqual(before.mine);
    expect(await tallyOf(theirs.id)).toEqual(before.theirs);
    expect(((await intake['listStatusHistory']?.({ featureRequestId: mine.id }, { headers: neighbourHeaders })) as { changes: unknown[] }).changes).toHaveLength(historyBefore.changes.length);

    let exported = '';
    for await (const chunk of compliance['exportSubjectData']?.({ subjectId: subject, reason: 'check after erasure' }, { headers: admin }) as AsyncIterable<unknown>) {
      exported += JSON.stringify(chunk, (_, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
    }
    expect(exported).not.toContain(MARKER);

    expect(await launcher.stop('SIGTERM')).toBe(0);
    const logs = [...launcher.lines.map((line) => JSON.stringify(line)), ...launcher.stderr].join('\n');
    expect(logs).not.toContain(MARKER);
    // The calls' own lines were captured, so their absence of markers means something.
    expect(logs).toContain('frm.v1.ComplianceService/EraseSubject');

    const db = await mode.openDatabase();
    try {
      const tables = await db.query<{ schema: string; name: string }>(
        `select table_schema as schema, table_name as name from information_schema.tables
         where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'`,
      );
      expect(tables.map((table) => table.name)).toEqual(expect.arrayContaining(['events', 'feature_requests', 'comments', 'votes']));
      const found: string[] = [];
      for (const table of tables) {
        const qualified = `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
        const rows = await db.query<{ row: string }>(`select t::text as row from ${qualified} t where t::text like $1`, [`%${MARKER}%`]);
        if (rows.length > 0) found.push(`${qualified}: ${rows.length} rows`);
      }
      expect(found).toEqual([]);
      const [events] = await db.query<{ count: string }>(`select count(*)::text as count from event_store.events where stream_id = $1`, [`feature-request-${mine.id}`]);
      expect(Number(events?.count)).toBeGreaterThanOrEqual(1);
    } finally {
      await db.close();
    }
    const elsewhere = await mode.otherStores();
    // Where there are other stores, the request's own events are among what was searched.
    if (elsewhere.length > 0) expect(elsewhere.some((entry) => entry.store.startsWith('kafka') && entry.text.includes(mine.id))).toBe(true);
    expect(elsewhere.filter((entry) => entry.text.includes(MARKER)).map((entry) => entry.store)).toEqual([]);
  });
});
