import { randomUUID } from 'node:crypto';
import { testKafka, testPostgres, TopicRecorder, type TestKafka, type TestPostgres } from '@frm/testing';
import {
  auditHeadsTopicSettings,
  decodeAuditHead,
  detectRewrite,
  KafkaAuditHeadPublisher,
  nextAuditEntry,
  PostgresAuditLog,
  publishAuditHead,
  readPublishedAuditHeads,
  verifyAuditLog,
  type AuditEntryDraft,
} from '../src';

const draft = (): AuditEntryDraft => ({
  entryId: randomUUID(),
  actorId: 'svc:compliance',
  action: 'export',
  target: { type: 'subject', id: randomUUID() },
  reason: 'GDPR Art. 20 request',
  detail: { rows: 42 },
});

// Needs the real broker: the { kafka: true } jest preset starts one, or FRM_KAFKA_BROKERS names one.
describe('audit heads on Kafka', () => {
  let kafka: TestKafka;
  let postgres: TestPostgres;
  let topic: string;
  let publisher: KafkaAuditHeadPublisher;

  beforeAll(async () => {
    kafka = await testKafka();
    postgres = await testPostgres({ prefix: 'audit_heads' });
    topic = await kafka.createTopic({ prefix: 'frm.audit.v1', configEntries: auditHeadsTopicSettings.configEntries });
    publisher = await KafkaAuditHeadPublisher.open({ brokers: kafka.brokers, topic });
  });
  afterAll(async () => {
    await publisher?.close();
    await kafka?.cleanup();
    await postgres?.cleanup();
  });

  it('publishes each head keyed by the log, ids only, with CloudEvents headers', async () => {
    const log = await PostgresAuditLog.open(postgres.db, { schema: postgres.schema, log: 'published' });
    const recorder = await TopicRecorder.start(kafka, topic);
    try {
      const { entry } = await log.append(draft());
      await publishAuditHead(log, publisher);
      const [message] = await recorder.keyed('published');
      expect(decodeAuditHead(message?.value ?? null)).toEqual({ log: 'published', sequence: 1, hash: entry.hash });
      expect(JSON.parse(message?.value?.toString() ?? '')).toEqual({ log: 'published', sequence: 1, hash: entry.hash });
      const headers = Object.fromEntries(Object.entries(message?.headers ?? {}).map(([name, value]) => [name, String(value)]));
      expect(headers).toEqual({
        ce_specversion: '1.0',
        ce_id: 'audit-head-published-1',
        ce_type: 'frm.audit.v1.AuditHeadPublished',
        ce_source: '/frm/audit',
        ce_subject: 'published',
        ce_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        'content-type': 'application/json',
      });
    } finally {
      await recorder.stop();
    }
  });

  it('detects a table rewritten after its heads were published, though the new chain verifies', async () => {
    const log = await PostgresAuditLog.open(postgres.db, { schema: postgres.schema, log: 'rewritten' });
    for (let i = 0; i < 4; i++) {
      await log.append(draft());
      await publishAuditHead(log, publisher);
    }
    const heads = await readPublishedAuditHeads({ brokers: kafka.brokers, topic, log: 'rewritten' });
    expect(heads.map((head) => head.sequence)).toEqual([1, 2, 3, 4]);
    expect(await detectRewrite(log, heads)).toBeUndefined();

    // The owner replaces entries 3 and 4 with a chain of their own that verifies.
    const kept = (await log.read(0, 2))[1];
    const forged = [nextAuditEntry('rewritten', kept, draft(), new Date())];
    forged.push(nextAuditEntry('rewritten', forged[0], draft(), new Date()));
    const values = forged
      .map(
        (e) =>
          `('rewritten', ${e.sequence}, '${e.entryId}', '${e.recordedAt}', '${e.actorId}', '${e.action}', '${e.target.type}', ` +
          `'${e.target.id}', '${e.reason}', '${JSON.stringify(e.detail)}', '${e.previousHash}', '${e.hash}')`,
      )
      .join(', ');
    const table = `"${postgres.schema}".audit_entries`;
    await postgres.db.exec(
      `alter table ${table} disable trigger user; delete from ${table} where log = 'rewritten' and sequence >= 3; ` +
        `insert into ${table} values ${values}; alter table ${table} enable trigger user;`,
    );

    expect(await verifyAuditLog(log)).toMatchObject({ ok: true, checked: 4 });
    const rewrite = await detectRewrite(log, await readPublishedAuditHeads({ brokers: kafka.brokers, topic, log: 'rewritten' }));
    expect(rewrite).toMatchObject({ published: heads[2], foundHash: forged[0]?.hash });
    expect(rewrite?.message).toContain('audit log "rewritten" was rewritten: entry 3 was published with hash');
  });

  it('reads no heads from an empty topic', async () => {
    const empty = await kafka.createTopic({ prefix: 'frm.audit.v1-empty' });
    expect(await readPublishedAuditHeads({ brokers: kafka.brokers, topic: empty })).toEqual([]);
  });
});
