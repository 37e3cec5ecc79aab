import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDirectoryBackupStore } from '../../src';

/** A backup store in a new temporary directory; `remove` deletes it. */
export async function temporaryBackupStore(): Promise<{ store: LocalDirectoryBackupStore; directory: string; remove(): Promise<void> }> {
  const directory = await mkdtemp(join(tmpdir(), 'frm-event-archive-'));
  const store = await LocalDirectoryBackupStore.open(directory);
  return { store, directory, remove: () => rm(directory, { recursive: true, force: true }) };
}
