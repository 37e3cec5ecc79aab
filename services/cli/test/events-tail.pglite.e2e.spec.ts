import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresEventStore } from '@frm/event-store';
import { openPgliteDatabase } from '@frm/postgres';
import { jsonLines, runFrm } from './support/frm-process';
import { appendFeatureRequest } from './support/intake-events';

describe('frm over the embedded PGlite data folder', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'frm-cli-data-'));
    // Laid out as the platform lays it out: the database in <FRM_DATA_DIR>/pglite.
    const db = await openPgliteDatabase({ dataDir: join(dataDir, 'pglite') });
    const eventStore = await openPostgresEventStore(db);
    await appendFeatureRequest(eventStore, 'Supplier availability calendar', 2);
    await eventStore.close();
    await db.close();
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('tails the events and leaves the folder free again', async () => {
    const result = await runFrm(['events', 'tail', '--type-prefix', 'frm.events.v1.FeatureRequestComment'], { FRM_DATA_DIR: dataDir });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(jsonLines(result.stdout).map((e) => e['data'])).toMatchObject([{ body: 'comment 1' }, { body: 'comment 2' }]);
    const again = await runFrm(['events', 'tail', '--limit', '1'], { FRM_DATA_DIR: dataDir });
    expect(jsonLines(again.stdout)).toHaveLength(1);
  });

  it('refuses while the platform holds the data folder', async () => {
    // The platform's lock file names a live process: this test's own.
    await writeFile(join(dataDir, 'frm.lock'), String(process.pid));
    try {
      const result = await runFrm(['events', 'tail'], { FRM_DATA_DIR: dataDir });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/stop `npm start` first, or run the platform on a server Postgres with FRM_DATABASE_URL/);
    } finally {
      await rm(join(dataDir, 'frm.lock'), { force: true });
    }
  });

  it('refuses a folder that holds no database rather than create one', async () => {
    const result = await runFrm(['projections', 'status'], { FRM_DATA_DIR: join(dataDir, 'elsewhere') });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^frm: no embedded database in .*elsewhere; run `npm start` once/);
  });
});
