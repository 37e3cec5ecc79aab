import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertExportFolderFree, writeExportFolder } from '../src/compliance/export-folder';

describe('the export folder', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'frm-export-folder-'));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('appears whole, readable by its owner alone, with nothing left beside it', async () => {
    const out = join(root, 'nested', 'export');
    await assertExportFolderFree(out);
    await writeExportFolder(out, [
      { name: 'export.json', content: '{}\n' },
      { name: 'votes.csv', content: 'a\r\n1\r\n' },
    ]);
    expect((await readdir(out)).sort()).toEqual(['export.json', 'votes.csv']);
    expect(await readFile(join(out, 'votes.csv'), 'utf8')).toBe('a\r\n1\r\n');
    expect((await stat(out)).mode & 0o777).toBe(0o700);
    expect((await stat(join(out, 'export.json'))).mode & 0o777).toBe(0o600);
    expect(await readdir(join(root, 'nested'))).toEqual(['export']);
  });

  it('takes an empty folder that already exists', async () => {
    const out = join(root, 'empty');
    await mkdir(out);
    await assertExportFolderFree(out);
    await writeExportFolder(out, [{ name: 'export.json', content: '{}\n' }]);
    expect(await readdir(out)).toEqual(['export.json']);
  });

  it('refuses a folder that holds files, or a file, and leaves no partial folder when refused late', async () => {
    const out = join(root, 'full');
    await mkdir(out);
    await writeFile(join(out, 'export.json'), 'older export');
    await expect(assertExportFolderFree(out)).rejects.toThrow(/--out .*full is not empty/);
    await expect(assertExportFolderFree(join(out, 'export.json'))).rejects.toThrow(/is a file/);

    await expect(writeExportFolder(out, [{ name: 'export.json', content: '{}\n' }])).rejects.toThrow(/is not empty/);
    expect(await readdir(root)).toEqual(['full']);
    expect(await readFile(join(out, 'export.json'), 'utf8')).toBe('older export');
  });
});
