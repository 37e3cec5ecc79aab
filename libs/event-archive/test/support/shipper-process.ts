// A shipper in a process of its own, for a test to kill with SIGKILL in the middle of its work.
// Run as: node -r @swc-node/register libs/event-archive/test/support/shipper-process.ts
import { openPostgresEventStore } from '@frm/event-store';
import { openPgDatabase } from '@frm/postgres';
import { ArchiveShipper, LocalDirectoryBackupStore } from '../../src';

async function main(): Promise<void> {
  const { FRM_TEST_DATABASE_URL: url, ARCHIVE_SCHEMA: schema, ARCHIVE_DIRECTORY: directory, ARCHIVE_SPOOL: spoolDir } = process.env;
  if (!url || !schema || !directory || !spoolDir) throw new Error('Set FRM_TEST_DATABASE_URL, ARCHIVE_SCHEMA, ARCHIVE_DIRECTORY and ARCHIVE_SPOOL');
  const db = await openPgDatabase({ connectionString: url, maxConnections: 4 });
  const eventStore = await openPostgresEventStore(db, { schema });
  const shipper = new ArchiveShipper({
    eventStore,
    backupStore: await LocalDirectoryBackupStore.open(directory),
    spoolDir,
    segmentIntervalMs: 100,
    snapshotIntervalMs: 300,
    onShipped: (entry) => process.stdout.write(`shipped ${entry.name}\n`),
  });
  shipper.start();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
