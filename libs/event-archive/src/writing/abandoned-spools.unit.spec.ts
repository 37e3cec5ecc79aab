import { mkdir, mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeAbandonedSpools } from './abandoned-spools';

describe('abandoned spools', () => {
  it('removes only spool directories untouched for over an hour', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'spool-test-'));
    try {
      await mkdir(join(dir, 'frm-archive-old'));
      await mkdir(join(dir, 'frm-archive-busy'));
      await mkdir(join(dir, 'someone-else'));
      const twoHoursAgo = new Date(Date.now() - 7_200_000);
      await utimes(join(dir, 'frm-archive-old'), twoHoursAgo, twoHoursAgo);
      await utimes(join(dir, 'someone-else'), twoHoursAgo, twoHoursAgo);
      expect(await removeAbandonedSpools(dir)).toEqual([join(dir, 'frm-archive-old')]);
      expect((await readdir(dir)).sort()).toEqual(['frm-archive-busy', 'someone-else']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
