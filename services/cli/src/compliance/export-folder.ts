import { mkdir, mkdtemp, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CliError } from '../cli-error';
import type { ExportFile } from './export-files';

/** Refuses, before anything is asked of the platform, a folder that would mix two exports. */
export async function assertExportFolderFree(outDir: string): Promise<void> {
  const found = await stat(outDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!found) return;
  if (!found.isDirectory()) throw new CliError(`--out ${outDir} is a file; name a new folder for the export`);
  if ((await readdir(outDir)).length > 0) throw notEmpty(outDir);
}

/**
 * Writes every file into a hidden folder beside `outDir` and renames it to `outDir` once all are on
 * disk: the folder appears whole or not at all. Personal data, so only the owner may read it.
 */
export async function writeExportFolder(outDir: string, files: readonly ExportFile[]): Promise<void> {
  await mkdir(dirname(outDir), { recursive: true });
  const staging = await mkdtemp(join(dirname(outDir), `.${basename(outDir)}.partial-`));
  try {
    for (const file of files) await writeDurably(join(staging, file.name), file.content);
    await rename(staging, outDir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') throw notEmpty(outDir);
    throw error;
  }
}

async function writeDurably(path: string, content: string): Promise<void> {
  const file = await open(path, 'wx', 0o600);
  try {
    await file.writeFile(content, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
}

function notEmpty(outDir: string): CliError {
  return new CliError(`--out ${outDir} is not empty; name a new folder, or remove that one first`);
}
