import { temporaryBackupStore } from './backup-directory';
import type { ArchiveTestStores } from './event-store-engines';

export interface ArchiveTestBed {
  /** A source store and a way to open empty targets, fresh for each test. */
  readonly stores: ArchiveTestStores;
  /** A backup directory of its own for each test. */
  readonly backups: Awaited<ReturnType<typeof temporaryBackupStore>>;
}

/** Opens an engine's stores and a backup directory before each test of the calling `describe`, and removes both after it. */
export function archiveTestBed(engine: { open(): Promise<ArchiveTestStores> }): ArchiveTestBed {
  let stores: ArchiveTestStores | undefined;
  let backups: ArchiveTestBed['backups'] | undefined;
  beforeEach(async () => {
    stores = await engine.open();
    backups = await temporaryBackupStore();
  });
  afterEach(async () => {
    await stores?.dispose();
    await backups?.remove();
  });
  return {
    get stores() {
      if (!stores) throw new Error('the archive test bed is open inside a test only');
      return stores;
    },
    get backups() {
      if (!backups) throw new Error('the archive test bed is open inside a test only');
      return backups;
    },
  };
}
