import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultTestDatabaseUrl } from '@frm/testing';
import { ArchiveShipper, CATALOGUE_FILE, LocalDirectoryBackupStore, readCatalogue, restoreArchive } from '../src';
import { temporaryBackupStore } from './support/backup-directory';
import { engines, type ArchiveTestEngine, type ArchiveTestStores } from './support/event-store-engines';
import { allEvents, appendSample } from './support/sample-events';

const workspace = resolve(__dirname, '../../..');
const postgres = engines.find((engine) => engine.name === 'Postgres server') as ArchiveTestEngine;

/** Runs a shipper process while events are appended, and kills it with SIGKILL once it has shipped `files` files. */
async function shipThenKill(stores: ArchiveTestStores, schema: string, directory: string, spool: string, files: number): Promise<void> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'libs/event-archive/test/support/shipper-process.ts'], {
    cwd: workspace,
    env: { ...process.env, FRM_TEST_DATABASE_URL: process.env['FRM_TEST_DATABASE_URL'] ?? defaultTestDatabaseUrl, ARCHIVE_SCHEMA: schema, ARCHIVE_DIRECTORY: directory, ARCHIVE_SPOOL: spool },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk) => (errors += String(chunk)));
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  let shipped = 0;
  const enough = new Promise<void>((done, fail) => {
    child.stdout.on('data', (chunk) => {
      shipped += String(chunk).split('\n').filter((line) => line.startsWith('shipped ')).length;
      if (shipped >= files) done();
    });
    child.on('exit', (code) => fail(new Error(`the shipper process ended (${code}) after ${shipped} files: ${errors}`)));
  });
  let appending = true;
  const appends = (async () => {
    while (appending) await appendSample(stores.source, 50, 20);
  })();
  await enough;
  child.kill('SIGKILL');
  appending = false;
  await Promise.all([exited, appends]);
}

describe('a shipper killed with SIGKILL (Postgres server)', () => {
  let stores: ArchiveTestStores;
  let backups: Awaited<ReturnType<typeof temporaryBackupStore>>;
  let spool: string;

  beforeEach(async () => {
    stores = await postgres.open();
    backups = await temporaryBackupStore();
    spool = await mkdtemp(join(tmpdir(), 'frm-event-archive-spool-'));
  });

  afterEach(async () => {
    await stores.dispose();
    await backups.remove();
    await rm(spool, { recursive: true, force: true });
  });

  it('leaves a catalogue that lists only whole files, and the next run continues the chain', async () => {
    // Several kills at whatever point each process is in: reading, spooling, writing a file or the catalogue.
    for (const files of [3, 5, 8]) {
      await shipThenKill(stores, stores.sourceSchema, backups.directory, spool, files);
      const catalogue = await readCatalogue(await LocalDirectoryBackupStore.open(backups.directory));
      expect(catalogue?.snapshots.length).toBeGreaterThan(0);
    }
    const visible = await readdir(backups.directory);
    const left = await readCatalogue(backups.store);
    const listed = [...(left?.snapshots ?? []), ...(left?.segments ?? [])].map((entry) => entry.name);
    expect(visible).toEqual(expect.arrayContaining([CATALOGUE_FILE, ...listed]));

    const shipper = new ArchiveShipper({ eventStore: stores.source, backupStore: backups.store });
    await shipper.shipSegment();
    await shipper.prune();
    const catalogue = await readCatalogue(backups.store);
    const expected = await allEvents(stores.source);
    for (const snapshot of [catalogue?.snapshots[0], catalogue?.snapshots.at(-1)]) {
      const target = await stores.openTarget();
      await restoreArchive({ store: backups.store, target: target.importer, snapshot: snapshot?.name });
      expect(await allEvents(target.eventStore)).toEqual(expected);
    }
  });
});
