import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArchiveShipper, LocalDirectoryBackupStore } from '@frm/event-archive';
import { openPostgresEventStore, type EventStore, type RecordedEvent } from '@frm/event-store';
import { openPgDatabase, quoteIdent, type SqlDatabase } from '@frm/postgres';
import { freshDatabase, testPostgres, type FreshDatabase, type TestPostgres } from '@frm/testing';
import { runFrm } from './support/frm-process';
import { appendFeatureRequest } from './support/intake-events';

/** `frm dr restore`: the backups of one database's event store loaded into another, empty one, for real. */
describe('frm dr restore into a server Postgres', () => {
  let source: TestPostgres;
  let sourceStore: EventStore;
  let target: FreshDatabase;
  let targetDb: SqlDatabase;
  let backupDir: string;
  const eventStoreSchema = () => `${source.schema}_events`;

  const all = async (store: EventStore) => {
    const events: RecordedEvent[] = [];
    for await (const page of store.readAll()) events.push(...page);
    return events.map(({ id, streamId, revision, type, data, metadata, recordedAt }) => ({ id, streamId, revision, type, data, metadata, recordedAt }));
  };

  beforeAll(async () => {
    source = await testPostgres({ prefix: 'cli_dr_source' });
    sourceStore = await openPostgresEventStore(source.db, { schema: eventStoreSchema() });
    backupDir = await mkdtemp(join(tmpdir(), 'frm-restore-'));
    const shipper = new ArchiveShipper({ eventStore: sourceStore, backupStore: await LocalDirectoryBackupStore.open(backupDir) });
    for (let i = 0; i < 5; i++) await appendFeatureRequest(sourceStore, `Seating plan ${i}`, 2);
    await shipper.shipOnce();
    for (let i = 0; i < 3; i++) await appendFeatureRequest(sourceStore, `Table names ${i}`, 1);
    await shipper.shipOnce();
    target = await freshDatabase('cli_dr_target');
    targetDb = await openPgDatabase({ connectionString: target.url });
  });
  afterAll(async () => {
    await targetDb?.close();
    await target?.drop();
    await sourceStore?.close();
    if (source) {
      await source.db.exec(`drop schema if exists ${quoteIdent(eventStoreSchema())} cascade`);
      await source.cleanup();
    }
    if (backupDir) await rm(backupDir, { recursive: true, force: true });
  });

  const restore = (...args: string[]) => runFrm(['dr', 'restore', '--backup-dir', backupDir, ...args], { FRM_DATABASE_URL: target.url, FRM_FREEZE_WEEKDAYS: 'none' });

  it('asks before it writes, and without a terminal to ask on says to add --yes', async () => {
    const refused = await restore();
    expect(refused).toMatchObject({ code: 1, stderr: 'frm: frm dr restore asks before it writes, and there is no terminal to ask on: add --yes to confirm\n' });
  });

  it('loads snapshot and segment into the empty event store: the same events, ids, revisions and times', async () => {
    const result = await restore('--yes', '--json');
    expect(result.stderr).not.toContain('frm:');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { files: string[]; eventsRestored: number; erasuresReapplied: number };
    expect(report.files).toHaveLength(2);
    expect(report.eventsRestored).toBe(5 * 3 + 3 * 2);
    expect(report.erasuresReapplied).toBe(0);
    const restored = await openPostgresEventStore(targetDb, { schema: 'event_store' });
    try {
      expect(await all(restored)).toEqual(await all(sourceStore));
    } finally {
      await restored.close();
    }
  });

  it('refuses to restore over events unless --force, which adds only what is missing', async () => {
    const again = await restore('--yes');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('add --force to add only the events it lacks');
    const forced = await restore('--yes', '--force', '--json');
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout)).toMatchObject({ eventsRestored: 0, eventsSkipped: 21 });
  });

  it('names a damaged backup file and restores nothing from it', async () => {
    const other = await freshDatabase('cli_dr_damaged');
    try {
      const { writeFile, readdir } = await import('node:fs/promises');
      const segment = (await readdir(backupDir)).find((name) => name.startsWith('segment-'));
      expect(segment).toBeDefined();
      await writeFile(join(backupDir, segment as string), 'not a gzip file');
      const result = await runFrm(['dr', 'restore', '--backup-dir', backupDir, '--yes'], { FRM_DATABASE_URL: other.url, FRM_FREEZE_WEEKDAYS: 'none' });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${segment}`);
      expect(result.stderr).toMatch(/corrupt|SHA-256/);
      const [events] = await other.query(`select case when to_regclass('event_store.events') is null then 0 else (select count(*) from event_store.events) end::int as count`);
      expect(events).toEqual({ count: 0 });
    } finally {
      await other.drop();
    }
  });
});
