import { ArchiveDoesNotMatchStoreError, ArchiveShipper, ConcurrentShipperError, restoreArchive } from '../src';
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
});
