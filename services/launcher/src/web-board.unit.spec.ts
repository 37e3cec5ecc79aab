import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webBoardFrom } from './web-board';

describe('webBoardFrom', () => {
  let folder: string;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'frm-web-board-'));
  });

  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('serves the board built in the checkout when FRM_WEB_ROOT is unset', async () => {
    await writeFile(join(folder, 'index.html'), '<!doctype html>');
    expect(await webBoardFrom({}, folder)).toBe(folder);
  });

  it('serves no board when it has not been built, so the platform still starts', async () => {
    expect(await webBoardFrom({}, folder)).toBeUndefined();
    await mkdir(join(folder, 'index.html'));
    expect(await webBoardFrom({}, folder)).toBeUndefined();
  });

  it('takes FRM_WEB_ROOT as given, leaving it to the gateway to refuse a folder that is not there', async () => {
    expect(await webBoardFrom({ FRM_WEB_ROOT: '/srv/board' }, folder)).toBe('/srv/board');
  });
});
