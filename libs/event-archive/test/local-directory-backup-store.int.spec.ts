import { readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BackupFileMissingError, LocalDirectoryBackupStore } from '../src';
import { temporaryBackupStore } from './support/backup-directory';

async function text(store: LocalDirectoryBackupStore, name: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.get(name)) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString();
}

describe('a local directory as backup store', () => {
  let backups: Awaited<ReturnType<typeof temporaryBackupStore>>;

  beforeEach(async () => (backups = await temporaryBackupStore()));
  afterEach(() => backups.remove());

  it('puts, gets, lists, replaces and deletes files', async () => {
    const { store } = backups;
    await store.put('a.json', [Buffer.from('one')]);
    await store.put('a.json', [Buffer.from('two, '), Buffer.from('longer')]);
    expect(await text(store, 'a.json')).toBe('two, longer');
    expect(await store.list()).toEqual(['a.json']);
    await store.delete('a.json');
    await store.delete('a.json');
    expect(await store.list()).toEqual([]);
    await expect(store.get('a.json')).rejects.toThrow(BackupFileMissingError);
  });

  it('keeps the old content when a put is aborted or its source fails, and leaves no temporary file', async () => {
    const { store, directory } = backups;
    await store.put('a.json', [Buffer.from('kept')]);
    const stop = new AbortController();
    async function* slow() {
      yield Buffer.from('new');
      stop.abort();
      yield Buffer.from('er');
    }
    await expect(store.put('a.json', slow(), { signal: stop.signal })).rejects.toMatchObject({ name: 'AbortError' });
    async function* failing() {
      yield Buffer.from('new');
      throw new Error('source broke');
    }
    await expect(store.put('a.json', failing())).rejects.toThrow('source broke');
    expect(await text(store, 'a.json')).toBe('kept');
    expect(await readdir(directory)).toEqual(['a.json']);
  });

  it('refuses names that could leave the directory or hide', async () => {
    for (const name of ['../x', 'a/b', '.hidden', '', 'a..b']) {
      await expect(backups.store.put(name, [Buffer.from('x')])).rejects.toThrow(/is not a backup file name/);
    }
  });

  it('removes, on opening, temporary files a dead process left more than an hour ago', async () => {
    const stale = join(backups.directory, '.a.json.partial-1-aa');
    const fresh = join(backups.directory, '.b.json.partial-2-bb');
    await writeFile(stale, 'x');
    await writeFile(fresh, 'x');
    await utimes(stale, new Date(Date.now() - 7200_000), new Date(Date.now() - 7200_000));
    await LocalDirectoryBackupStore.open(backups.directory);
    await expect(stat(stale)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(stat(fresh)).resolves.toBeDefined();
  });
});
