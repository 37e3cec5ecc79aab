import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keptSecret } from './kept-secret';

describe('keptSecret', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'frm-kept-secret-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('makes a secret once, readable by the owner only, and gives the same one afterwards', async () => {
    const first = await keptSecret(join(dir, 'data'), 'signal-hash-key');
    expect(first).toMatchObject({ created: true, path: join(dir, 'data', 'signal-hash-key') });
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect((await stat(first.path)).mode & 0o777).toBe(0o600);
    expect(await keptSecret(join(dir, 'data'), 'signal-hash-key')).toEqual({ ...first, created: false });
  });

  it('replaces a file too short to be a secret', async () => {
    await writeFile(join(dir, 'short'), 'abc\n');
    const made = await keptSecret(dir, 'short');
    expect(made.created).toBe(true);
    expect((await readFile(join(dir, 'short'), 'utf8')).trim()).toBe(made.secret);
  });
});
