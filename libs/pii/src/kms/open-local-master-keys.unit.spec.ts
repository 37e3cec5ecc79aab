import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidSettingsError } from '@frm/config';
import { masterKeyVersionOf } from './local-master-keys';
import { DEVELOPMENT_MASTER_KEY_FILE, openLocalMasterKeys } from './open-local-master-keys';

describe('openLocalMasterKeys', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'frm-master-key-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));
  const unset = () => ({ FRM_MASTER_KEY: undefined, FRM_MASTER_KEY_PREVIOUS: undefined, FRM_DATA_DIR: dataDir });

  it('uses FRM_MASTER_KEY, with the previous keys after it', async () => {
    const [key, older] = [randomBytes(32), randomBytes(32)];
    const opened = await openLocalMasterKeys({ FRM_MASTER_KEY: key, FRM_MASTER_KEY_PREVIOUS: [older], FRM_DATA_DIR: dataDir }, 'local-cluster');
    expect(opened.generatedIn).toBeUndefined();
    expect(opened.kms.versions).toEqual([masterKeyVersionOf(key), masterKeyVersionOf(older)]);
  });

  it('makes a development key once under FRM_DATA_DIR in the embedded mode, and says so the first time', async () => {
    const first = await openLocalMasterKeys(unset(), 'embedded');
    const again = await openLocalMasterKeys(unset(), 'embedded');

    expect(first.generatedIn).toBe(join(dataDir, DEVELOPMENT_MASTER_KEY_FILE));
    expect(again.generatedIn).toBeUndefined();
    expect(again.kms.currentVersion).toBe(first.kms.currentVersion);
    expect(Buffer.from((await readFile(join(dataDir, DEVELOPMENT_MASTER_KEY_FILE), 'utf8')).trim(), 'base64url')).toHaveLength(32);
  });

  it('accepts a development key file written by openssl rand -base64 32', async () => {
    const key = randomBytes(32);
    await writeFile(join(dataDir, DEVELOPMENT_MASTER_KEY_FILE), `${key.toString('base64')}\n`);
    const opened = await openLocalMasterKeys(unset(), 'embedded');
    expect(opened.kms.currentVersion).toBe(masterKeyVersionOf(key));
  });

  it.each(['local-cluster', 'distributed'] as const)('refuses the %s mode without FRM_MASTER_KEY, saying how to make one', async (mode) => {
    const error = await openLocalMasterKeys(unset(), mode).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidSettingsError);
    const [problem] = (error as InvalidSettingsError).problems;
    expect(problem?.name).toBe('FRM_MASTER_KEY');
    expect(problem?.message).toMatch(new RegExp(`^FRM_MASTER_KEY: missing; the ${mode} mode needs .*generate one with: openssl rand -base64 32`));
    expect(problem?.message).not.toContain('\n');
  });
});
