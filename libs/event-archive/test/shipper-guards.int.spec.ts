import { ArchiveDoesNotMatchStoreError, ArchiveShipper, ConcurrentShipperError, restoreArchive } from '../src';
import { temporaryBackupStore } from './support/backup-directory';
import { engines, type ArchiveTestStores } from './support/event-store-engines';
import { appendSample } from './support/sample-events';

describe.each(engines)('shipper guards on $name', (engine) => {
  let stores: ArchiveTestStores;
  let backups: Awaited<ReturnType<typeof temporaryBackupStore>>;

  beforeEach(async () => {
    stores = await engine.open();
    backups = await temporaryBackupStore();
  });

  afterEach(async () => {
    await stores.dispose();
    await backups.remove();
  });

  it('refuses to continue the archive from a restored store, whose positions are its own', async () => {
    const shipper = new ArchiveShipper({ eventStore: stores.source, backupStore: backups.store });
    await appendSample(stores.source, 10, 2);
    await shipper.shipOnce();
    const restored = await stores.openTarget();
    await restoreArchive({ store: backups.store, target: restored.importer });
    await appendSample(restored.eventStore, 3, 2);

    const afterRestore = new ArchiveShipper({ eventStore: restored.eventStore, backupStore: backups.store });
    await expect(afterRestore.shipSegment()).rejects.toThrow(ArchiveDoesNotMatchStoreError);
    await expect(afterRestore.shipSegment()).rejects.toThrow(/was restored or replaced.*ship to a new, empty backup location/);
  });

  it('refuses a second shipper writing to the same archive', async () => {
    const first = new ArchiveShipper({ eventStore: stores.source, backupStore: backups.store });
    const second = new ArchiveShipper({ eventStore: stores.source, backupStore: backups.store });
    await appendSample(stores.source, 4, 2);
    await first.shipOnce();
    await second.shipSegment();
    await appendSample(stores.source, 4, 2);
    await expect(first.shipSegment()).rejects.toThrow(ConcurrentShipperError);
    await expect(first.shipSegment()).rejects.toThrow(/another shipper writes to the same archive/);
  });
});
