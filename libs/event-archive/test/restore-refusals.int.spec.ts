import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ImportConflictError, TargetNotEmptyError } from '@frm/event-store';
import { ArchiveShipper, BackupFileCorruptError, BackupFileMissingError, readCatalogue, restoreArchive } from '../src';
import { temporaryBackupStore } from './support/backup-directory';
import { engines, type ArchiveTestStores } from './support/event-store-engines';
import { allEvents, appendSample, sampleEvent } from './support/sample-events';

async function flipByte(path: string, offsetFromEnd: number): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    const { size } = await handle.stat();
    const byte = Buffer.alloc(1);
    await handle.read(byte, 0, 1, size - offsetFromEnd);
    byte[0] = (byte[0] as number) ^ 0x01;
    await handle.write(byte, 0, 1, size - offsetFromEnd);
  } finally {
    await handle.close();
  }
}

describe.each(engines)('restore refusals on $name', (engine) => {
  let stores: ArchiveTestStores;
  let backups: Awaited<ReturnType<typeof temporaryBackupStore>>;

  /** Snapshot (40 events), segment (20), snapshot (60), segment (10), segment (5). */
  async function shipArchive(): Promise<void> {
    const shipper = new ArchiveShipper({ eventStore: stores.source, backupStore: backups.store });
    await appendSample(stores.source, 40, 8);
    await shipper.shipOnce();
    await appendSample(stores.source, 20, 8);
    await shipper.shipSegment();
    await shipper.takeSnapshot();
    await appendSample(stores.source, 10, 8);
    await shipper.shipSegment();
    await appendSample(stores.source, 5, 8);
    await shipper.shipSegment();
  }

  beforeEach(async () => {
    stores = await engine.open();
    backups = await temporaryBackupStore();
    await shipArchive();
  });

  afterEach(async () => {
    await stores.dispose();
    await backups.remove();
  });

  it('refuses a damaged segment before writing anything, naming the file', async () => {
    const catalogue = await readCatalogue(backups.store);
    expect(catalogue?.segments.map((s) => s.name)).toEqual(['segment-000002.ndjson.gz', 'segment-000004.ndjson.gz', 'segment-000005.ndjson.gz']);
    await flipByte(join(backups.directory, 'segment-000005.ndjson.gz'), 10);
    const target = await stores.openTarget();
    const refusal = restoreArchive({ store: backups.store, target: target.importer });
    await expect(refusal).rejects.toThrow(BackupFileCorruptError);
    await expect(refusal).rejects.toThrow(
      new RegExp(
        `^Backup file segment-000005\\.ndjson\\.gz is corrupt: SHA-256 [0-9a-f]{64} \\(\\d+ bytes\\) expected ${catalogue?.segments[2]?.sha256} \\(\\d+ bytes\\); ` +
          `.*--until segment-000004\\.ndjson\\.gz`,
      ),
    );
    expect(await target.importer.hasEvents()).toBe(false);

    // What the message offers works: everything up to the damaged segment.
    const report = await restoreArchive({ store: backups.store, target: target.importer, until: 'segment-000004.ndjson.gz' });
    expect(report.eventsRestored).toBe(70);
  });

  it('refuses a damaged snapshot and points to the older one, which restores everything', async () => {
    await flipByte(join(backups.directory, 'snapshot-000003.ndjson.gz'), 1);
    const target = await stores.openTarget();
    await expect(restoreArchive({ store: backups.store, target: target.importer })).rejects.toThrow(
      /^Backup file snapshot-000003\.ndjson\.gz is corrupt: .*; restore from an older snapshot with --snapshot snapshot-000001\.ndjson\.gz/,
    );
    expect(await target.importer.hasEvents()).toBe(false);
    const report = await restoreArchive({ store: backups.store, target: target.importer, snapshot: 'snapshot-000001.ndjson.gz' });
    expect(report.files).toHaveLength(4);
    expect(await allEvents(target.eventStore)).toEqual(await allEvents(stores.source));
  });

  it('refuses a missing file before writing anything', async () => {
    await rm(join(backups.directory, 'segment-000004.ndjson.gz'));
    const target = await stores.openTarget();
    await expect(restoreArchive({ store: backups.store, target: target.importer })).rejects.toThrow(BackupFileMissingError);
    await expect(restoreArchive({ store: backups.store, target: target.importer })).rejects.toThrow(/^Backup file segment-000004\.ndjson\.gz is missing from directory /);
    expect(await target.importer.hasEvents()).toBe(false);
  });

  it('refuses a target that holds events unless forced, and then adds only the events it lacks', async () => {
    const target = await stores.openTarget();
    const partial = await restoreArchive({ store: backups.store, target: target.importer, until: 'snapshot-000003.ndjson.gz' });
    expect(partial.eventsRestored).toBe(60);

    const refusal = restoreArchive({ store: backups.store, target: target.importer });
    await expect(refusal).rejects.toThrow(TargetNotEmptyError);
    await expect(refusal).rejects.toThrow(/already holds events; import into an empty store .*or pass force/);
    expect(await allEvents(target.eventStore)).toHaveLength(60);

    const finished = await restoreArchive({ store: backups.store, target: target.importer, force: true });
    expect(finished).toMatchObject({ eventsRestored: 15, eventsSkipped: 60 });
    expect(await allEvents(target.eventStore)).toEqual(await allEvents(stores.source));
  });

  it('refuses, even forced, a target whose history differs from the archive', async () => {
    const target = await stores.openTarget();
    await target.eventStore.appendToStream('feature-request-0', [sampleEvent()], { expectedRevision: 'no_stream' });
    await expect(restoreArchive({ store: backups.store, target: target.importer, force: true })).rejects.toThrow(ImportConflictError);
    await expect(restoreArchive({ store: backups.store, target: target.importer, force: true })).rejects.toThrow(/stream revision is already held by another event/);
  });
});
