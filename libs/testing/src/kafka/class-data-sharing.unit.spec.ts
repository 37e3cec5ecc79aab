import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adoptClassArchive, classDataSharingOptions } from './class-data-sharing';

describe('class data sharing', () => {
  let root: string;
  let lib: string;
  let run: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'frm-cds-'));
    lib = join(root, 'lib');
    run = join(root, 'run');
    mkdirSync(lib);
    mkdirSync(run);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('has the first broker write an archive into its run directory, and later ones use the adopted one', async () => {
    expect(classDataSharingOptions(lib, run)).toContain(`-XX:ArchiveClassesAtExit=${join(run, 'kafka-classes.jsa')}`);

    writeFileSync(join(run, 'kafka-classes.jsa'), 'archive');
    await adoptClassArchive(lib, run);

    expect(existsSync(join(lib, 'kafka-classes.jsa'))).toBe(true);
    expect(classDataSharingOptions(lib, run)).toContain(`-XX:SharedArchiveFile=${join(lib, 'kafka-classes.jsa')}`);
  });

  it('does nothing when the broker wrote no archive', async () => {
    await adoptClassArchive(lib, run);
    expect(existsSync(join(lib, 'kafka-classes.jsa'))).toBe(false);
  });
});
