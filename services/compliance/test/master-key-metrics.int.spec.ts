import { randomBytes, randomUUID } from 'node:crypto';
import { createLogger } from '@frm/logging';
import { LocalMasterKeys, openPostgresSubjectKeyStore, PiiCipher, rotateMasterKey, type SubjectKeyStore } from '@frm/pii';
import { quoteIdent } from '@frm/postgres';
import { testPostgres, type TestPostgres } from '@frm/testing';
import { startComplianceService, type RunningComplianceService } from '../src';

const DAY_SECONDS = 86_400;

describe('the compliance service metrics on a server Postgres', () => {
  const [keyA, keyB] = [randomBytes(32), randomBytes(32)];
  const masterKeys = new LocalMasterKeys(keyA);
  let postgres: TestPostgres;
  let schemas: Record<'events' | 'keys' | 'ledger' | 'index' | 'audit' | 'auditTrail', string>;
  let keys: SubjectKeyStore;
  let service: RunningComplianceService | undefined;

  beforeAll(async () => {
    postgres = await testPostgres({ prefix: 'compliance_metrics' });
    const prefix = postgres.schema;
    schemas = { events: `${prefix}_events`, keys: `${prefix}_keys`, ledger: `${prefix}_ledger`, index: `${prefix}_index`, audit: `${prefix}_audit`, auditTrail: `${prefix}_audit_trail` };
    keys = await openPostgresSubjectKeyStore(postgres.db, { schema: schemas.keys });
    const cipher = new PiiCipher(keys, masterKeys);
    for (let i = 0; i < 3; i++) await cipher.encryptField(randomUUID(), `feature-request-${randomUUID()}`, 'title', 'Guest photo uploads');
    // As if master key A had come into use ten days ago.
    await keys.recordMasterKeyVersion(masterKeys.currentVersion);
    await postgres.db.query(`update ${quoteIdent(schemas.keys)}.master_key_versions set first_used_at = now() - interval '10 days'`);
  });

  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  afterAll(async () => {
    for (const schema of Object.values(schemas)) await postgres.db.query(`drop schema if exists ${quoteIdent(schema)} cascade`);
    await postgres.cleanup();
  });

  const start = (metricsPort?: number) =>
    startComplianceService({
      db: postgres.db,
      logger: createLogger({ service: 'compliance-test', level: 'silent' }),
      masterKeys,
      port: 0,
      metricsPort,
      eventStoreSchema: schemas.events,
      keySchema: schemas.keys,
      ledgerSchema: schemas.ledger,
      subjectIndexSchema: schemas.index,
      auditTrailSchema: schemas.auditTrail,
      auditSchema: schemas.audit,
      bulkExportKeyPrefix: `frm:test:${postgres.schema}`,
    });

  const scrape = async (address: string) => {
    const response = await fetch(`http://${address}/metrics`);
    expect(response.status).toBe(200);
    return response.text();
  };

  const sample = (text: string, series: string) => {
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };

  it('serves the master key age and the data keys by master key version on the metrics port', async () => {
    service = await start(0);
    expect(service.metricsAddress).toMatch(/^127\.0\.0\.1:\d+$/);

    const text = await scrape(service.metricsAddress as string);

    expect(text).toContain('# TYPE frm_master_key_age_seconds gauge');
    const age = sample(text, 'frm_master_key_age_seconds') as number;
    expect(age).toBeGreaterThanOrEqual(10 * DAY_SECONDS);
    expect(age).toBeLessThan(10 * DAY_SECONDS + 120);
    expect(sample(text, `frm_data_keys_by_master_version{version="${masterKeys.currentVersion}"}`)).toBe(3);
    // The process metrics come along, as on the gateway's /metrics.
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('counts the data keys again at each scrape: after a rotation they are all under the new version', async () => {
    service = await start(0);
    const address = service.metricsAddress as string;
    const rotating = new LocalMasterKeys(keyB, [keyA]);

    await rotateMasterKey(keys, rotating);

    const text = await scrape(address);
    expect(sample(text, `frm_data_keys_by_master_version{version="${rotating.currentVersion}"}`)).toBe(3);
    expect(sample(text, `frm_data_keys_by_master_version{version="${masterKeys.currentVersion}"}`)).toBeUndefined();
  });

  it('serves no metrics unless given a port, and gives the port back when closed', async () => {
    service = await start();
    expect(service.metricsAddress).toBeUndefined();
    await service.close();

    service = await start(0);
    const address = service.metricsAddress as string;
    await service.close();
    service = undefined;
    await expect(fetch(`http://${address}/metrics`)).rejects.toThrow();
  });
});
