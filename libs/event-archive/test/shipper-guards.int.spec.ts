import { ArchiveDoesNotMatchStoreError, ArchiveShipper, ConcurrentShipperError, readCatalogue, restoreArchive, type BackupStore } from '../src';
import { archiveTestBed } from './support/archive-test-bed';
import { engines } from './support/event-store-engines';
import { appendSample } from './support/sample-events';

describe.each(engines)('shipper guards on $name', (engine) => {
  const bed = archiveTestBed(engine);

  it('refuses to continue the archive from a restored store, whose positions are its own', async () => {
    const shipper = new ArchiveShipper({ eventStore: bed.stores.source, backupStore: bed.backups.store });
    await appendSample(bed.stores.source, 10, 2);
    await shipper.shipOnce();
    const restored = await bed.stores.openTarget();
    await restoreArchive({ store: bed.backups.store, target: restored.importer });
    await appendSample(restored.eventStore, 3, 2);

    const afterRestore = new ArchiveShipper({ eventStore: restored.eventStore, backupStore: bed.backups.store });
    await expect(afterRestore.shipSegment()).rejects.toThrow(ArchiveDoesNotMatchStoreError);
    await expect(afterRestore.shipSegment()).rejects.toThrow(/was restored or replaced.*ship to a new, empty backup location/);
  });

  it('refuses a second shipper writing to the same archive', async () => {
    const first = new ArchiveShipper({ eventStore: bed.stores.source, backupStore: bed.backups.store });
    const second = new ArchiveShipper({ eventStore: bed.stores.source, backupStore: bed.backups.store });
    await appendSample(bed.stores.source, 4, 2);
    await first.shipOnce();
    await second.shipSegment();
    await appendSample(bed.stores.source, 4, 2);
    await expect(first.shipSegment()).rejects.toThrow(ConcurrentShipperError);
    await expect(first.shipSegment()).rejects.toThrow(/another shipper writes to the same archive/);
  });

  it('never prunes a file that is in place but not yet listed (a prune after a background snapshot)', async () => {
    // A store whose put returns late, as a directory's flush or an object store's answer can: the
    // file is already visible while the shipper has not listed it yet. A prune runs in that moment.
    const inner = bed.backups.store;
    let pruneDuringPut: Promise<string[]> | undefined;
    const shipper: ArchiveShipper = new ArchiveShipper({
      eventStore: bed.stores.source,
      backupStore: {
        description: inner.description,
        get: (name) => inner.get(name),
        list: () => inner.list(),
        delete: (name) => inner.delete(name),
        put: async (name, content, options) => {
          await inner.put(name, content, options);
          if (name.startsWith('segment-')) await (pruneDuringPut = shipper.prune());
        },
      } satisfies BackupStore,
    });
    await appendSample(bed.stores.source, 4, 2);
    await shipper.shipOnce();
    await appendSample(bed.stores.source, 4, 2);
    const segment = await shipper.shipSegment();

    expect(await pruneDuringPut).toEqual([]);
    expect(await inner.list()).toContain(segment?.name);
    const catalogue = await readCatalogue(inner);
    expect(catalogue?.segments.map((entry) => entry.name)).toContain(segment?.name);
  });
});
