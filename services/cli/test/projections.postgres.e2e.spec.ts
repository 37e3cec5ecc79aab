import 'reflect-metadata';
// Importing the intake service defines its projection, as it does for the CLI.
import '@frm/intake';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { PostgresAuditLog } from '@frm/audit';
import { openPostgresEventStore, type EventStore } from '@frm/event-store';
import { createLogger } from '@frm/logging';
import { ReadCache, RedisCacheStore } from '@frm/read-cache';
import { quoteIdent } from '@frm/postgres';
import { checksumProjection, projectionRegistry, ProjectionRunner } from '@frm/projections';
import { testPostgres, waitUntil, type TestPostgres } from '@frm/testing';
import { localDateIn } from '@frm/wedding-day-freeze';
import { runFrm } from './support/frm-process';
import { appendFeatureRequest } from './support/intake-events';

describe('frm projections over a server Postgres', () => {
  let postgres: TestPostgres;
  let eventStore: EventStore;
  let eventStoreSchema: string;
  let readModelSchema: string;
  let auditSchema: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    postgres = await testPostgres({ prefix: 'cli_proj' });
    eventStoreSchema = `${postgres.schema}_events`;
    readModelSchema = `${postgres.schema}_read`;
    auditSchema = `${postgres.schema}_audit`;
    await PostgresAuditLog.open(postgres.db, { schema: auditSchema });
    eventStore = await openPostgresEventStore(postgres.db, { schema: eventStoreSchema });
    await appendFeatureRequest(eventStore, 'Seating planner', 2);
    await appendFeatureRequest(eventStore, 'Budget export', 1);
    await appendFeatureRequest(eventStore, 'Guest list import', 0);
    // The live copy, built by a runner as the intake service builds it.
    const runner = new ProjectionRunner({
      projection: projectionRegistry.require('feature_requests'),
      eventStore,
      db: postgres.db,
      schema: readModelSchema,
    });
    await runner.start();
    await waitUntil('the live copy is caught up', async () => (await runner.status()).lag === 0n);
    await runner.stop();
    // Any day will do for these tests; the freeze has its own below.
    env = { FRM_DATABASE_URL: postgres.connectionString, FRM_FREEZE_WEEKDAYS: 'none' };
  });

  afterAll(async () => {
    await eventStore.close();
    for (const schema of [eventStoreSchema, readModelSchema, auditSchema]) await postgres.db.exec(`drop schema if exists ${quoteIdent(schema)} cascade`);
    await postgres.cleanup();
  });

  const frm = (...args: string[]) =>
    runFrm([...args, '--event-store-schema', eventStoreSchema, '--read-model-schema', `feature_requests=${readModelSchema}`], env);

  it('shows the live copy caught up with the head', async () => {
    const result = await frm('projections', 'status', '--json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const rows = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    const row = rows.find((r) => r['projection'] === 'feature_requests');
    expect(row).toMatchObject({ version: 5, schema: readModelSchema, lag: 0, lagSeconds: 0, state: 'caught-up' });
    expect(row?.['checkpoint']).toBe(row?.['head']);

    const table = await frm('projections', 'status');
    expect(table.stdout).toMatch(/^PROJECTION\s+VERSION\s+SCHEMA\s+CHECKPOINT\s+HEAD\s+LAG\s+WAITING\s+STATE\n/);
    expect(table.stdout).toMatch(new RegExp(`feature_requests\\s+5\\s+${readModelSchema}\\s+\\S+\\s+\\S+\\s+0\\s+-\\s+caught-up`));
  });

  it('rebuilds into a copy with the same rows and checksum, and audits it', async () => {
    const before = await checksumProjection(postgres.db, readModelSchema);
    const result = await frm('projections', 'rebuild', 'feature_requests', '--json', '--audit-schema', auditSchema, '--actor', 'svc:ops-runbook');
    expect(result.code).toBe(0);
    const audited = await postgres.db.query(`select action, actor_id, target_type, target_id from ${quoteIdent(auditSchema)}.audit_entries`);
    expect(audited).toEqual([{ action: 'projection_rebuild', actor_id: 'svc:ops-runbook', target_type: 'projection', target_id: 'feature_requests' }]);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      projection: 'feature_requests',
      schema: readModelSchema,
      eventsApplied: 6,
      checksumBefore: before.checksum,
      checksumAfter: before.checksum,
      rows: { feature_requests: 3, comments: 3 },
      audited: true,
      cachedAnswers: { invalidated: false, detail: 'FRM_REDIS_URL is unset: no shared cache holds answers of it' },
    });
    expect((await checksumProjection(postgres.db, readModelSchema)).checksum).toBe(before.checksum);
  });

  it("makes the services' cached answers of the rebuilt projection stale in their Redis, and they warm the most requested again", async () => {
    // A database of its own on the test Redis: the swap moves the mark every feature_requests answer depends on.
    const url = new URL(process.env['FRM_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379');
    url.pathname = '/7';
    const redis = new Redis(url.toString());
    const name = `cli-test-${randomUUID()}`;
    // A board list cache as intake keeps it (same projection), on the services' Redis.
    const cache = new ReadCache({ name, projection: 'feature_requests', store: new RedisCacheStore(redis), logger: createLogger({ service: 'cli-test', level: 'silent' }), popularitySample: 1 });
    let loads = 0;
    const read = (key: string) => cache.read({ key, codec: { encode: (v: string) => Buffer.from(v), decode: (b) => b.toString() }, request: Buffer.from(key), load: async () => `${key}#${++loads}` });
    cache.replayWith((request) => read(request.toString()));
    try {
      expect(await read('newest')).toBe('newest#1');
      expect(await read('newest')).toBe('newest#1');

      const result = await runFrm(
        ['projections', 'rebuild', 'feature_requests', '--json', '--audit-schema', auditSchema, '--event-store-schema', eventStoreSchema, '--read-model-schema', `feature_requests=${readModelSchema}`],
        { ...env, FRM_REDIS_URL: url.toString() },
      );
      expect(result).toMatchObject({ code: 0 });
      expect((JSON.parse(result.stdout) as { cachedAnswers: unknown }).cachedAnswers).toEqual({
        invalidated: true,
        detail: `stale in Redis at ${url.toString()}; the services warm their most requested answers again`,
      });

      // The service's next read notices the swap: its answer is read again, and so is the most requested one.
      expect(await read('top')).toBe('top#2');
      await waitUntil('the most requested answer is warmed', async () => loads === 3);
      expect(await read('newest')).toBe('newest#3');
      expect(loads).toBe(3);
    } finally {
      const keys = await redis.keys(`frm:cache:*${name}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
  });

  it('shows the lag once events arrive that nobody projects', async () => {
    await appendFeatureRequest(eventStore, 'Wedding-day timeline', 0);
    const rows = JSON.parse((await frm('projections', 'status', '--json')).stdout) as Array<Record<string, unknown>>;
    expect(rows.find((r) => r['projection'] === 'feature_requests')).toMatchObject({ lag: 1, state: 'behind' });
  });

  it('waits on a wedding day unless an operator forces the swap with a reason, audited before it', async () => {
    const today = localDateIn(new Date(), 'Europe/London').isoDate;
    const frozen = { ...env, FRM_FREEZE_BLACKOUT_DATES: today };
    const args = ['projections', 'rebuild', 'feature_requests', '--audit-schema', auditSchema, '--actor', 'svc:ops-runbook', '--event-store-schema', eventStoreSchema, '--read-model-schema', `feature_requests=${readModelSchema}`];
    const refused = await runFrm(args, frozen);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`frm: frm projections rebuild is refused: `);
    expect(refused.stderr).toContain('(--force-reason "<why>")');
    const entries = () => postgres.db.query<{ action: string }>(`select action from ${quoteIdent(auditSchema)}.audit_entries order by sequence`);
    const before = (await entries()).length;
    const forced = await runFrm([...args, '--force-reason', 'board shows wrong counts'], frozen);
    expect(forced.code).toBe(0);
    expect((await entries()).slice(before).map((entry) => entry.action)).toEqual(['admin_override', 'projection_rebuild']);
  });

  it('names the known projections when asked for another', async () => {
    const result = await frm('projections', 'rebuild', 'moon_phases');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^frm: no projection is named "moon_phases"; known projections: .*feature_requests.*votes/);
  });
});
