import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BackupFileMissingError } from '../errors';
import { assertBackupFileName } from './backup-file-names';
import type { BackupStore, PutOptions } from './backup-store.port';

/** A write that has not touched its file for this long was left by a process that died. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;
const PARTIAL = '.partial-';

/**
 * Backup files in one local directory (or a mounted volume). Each file is written under a hidden
 * temporary name, flushed to disk, then renamed into place, so a crash leaves either the whole
 * file or none; the directory itself is flushed so the rename survives a power cut.
 */
export class LocalDirectoryBackupStore implements BackupStore {
  readonly description: string;

  private constructor(readonly directory: string) {
    this.description = `directory ${directory}`;
  }

  /** Creates the directory when missing and removes writes abandoned by a process that died. */
  static async open(directory: string): Promise<LocalDirectoryBackupStore> {
    const absolute = resolve(directory);
    await mkdir(absolute, { recursive: true });
    const store = new LocalDirectoryBackupStore(absolute);
    await store.removeAbandonedWrites();
    return store;
  }

  async put(name: string, content: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: PutOptions = {}): Promise<void> {
    assertBackupFileName(name);
    options.signal?.throwIfAborted();
    const partial = join(this.directory, `.${name}${PARTIAL}${process.pid}-${randomBytes(4).toString('hex')}`);
    const handle = await open(partial, 'wx');
    try {
      for await (const chunk of content) {
        options.signal?.throwIfAborted();
        for (let offset = 0; offset < chunk.byteLength; ) {
          offset += (await handle.write(chunk, offset)).bytesWritten;
        }
      }
      options.signal?.throwIfAborted();
      await handle.sync();
    } catch (error) {
      await handle.close().catch(() => undefined);
      await rm(partial, { force: true });
      throw error;
    }
    await handle.close();
    try {
      await rename(partial, join(this.directory, name));
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    await this.syncDirectory();
  }

  async get(name: string): Promise<AsyncIterable<Uint8Array>> {
    assertBackupFileName(name);
    try {
      const handle = await open(join(this.directory, name), 'r');
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BackupFileMissingError(name, this.description);
      throw error;
    }
  }

  async list(): Promise<string[]> {
    const entries = await readdir(this.directory, { withFileTypes: true });
    return entries.filter((entry) => entry.isFile() && !entry.name.startsWith('.')).map((entry) => entry.name);
  }

  async delete(name: string): Promise<void> {
    assertBackupFileName(name);
    await rm(join(this.directory, name), { force: true });
    await this.syncDirectory();
  }

  private async removeAbandonedWrites(): Promise<void> {
    const now = Date.now();
    for (const entry of await readdir(this.directory, { withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.startsWith('.') || !entry.name.includes(PARTIAL)) continue;
      const path = join(this.directory, entry.name);
      const { mtimeMs } = await stat(path).catch(() => ({ mtimeMs: now }));
      if (now - mtimeMs > ABANDONED_AFTER_MS) await rm(path, { force: true });
    }
  }

  private async syncDirectory(): Promise<void> {
    const handle = await open(this.directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}
