import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { EmbeddingModelFilesError, MODEL_PACKAGE } from './embedding-model-files.error';
import { SHIPPED_MODEL_FILES } from './shipped-model-files';

/** Where the installed model package keeps its files, and which release it is. */
export interface ShippedModel {
  readonly directory: string;
  readonly version: string;
}

export function shippedModel(): ShippedModel {
  let manifest: string;
  try {
    manifest = require.resolve(`${MODEL_PACKAGE}/package.json`);
  } catch {
    throw new EmbeddingModelFilesError(join('node_modules', MODEL_PACKAGE), 'missing', 'the package is not installed');
  }
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { directory: join(dirname(manifest), 'dist'), version };
}

/**
 * Checks the model folder before TensorFlow.js reads it: for a known release every file's size and
 * SHA-256, otherwise that model.json and vocab.json parse and every weight shard they name is there.
 * @throws EmbeddingModelFilesError naming the first missing or corrupt file
 */
export async function verifyModelFiles(directory: string, version: string | undefined): Promise<void> {
  await expectFolder(directory);
  const known = version === undefined ? undefined : SHIPPED_MODEL_FILES[version];
  if (known) {
    for (const [name, expected] of Object.entries(known)) {
      const file = join(directory, name);
      const bytes = await readModelFile(file);
      if (bytes.length !== expected.bytes) {
        throw new EmbeddingModelFilesError(file, 'corrupt', `${bytes.length} bytes, ${MODEL_PACKAGE}@${version} ships ${expected.bytes}`);
      }
      if (createHash('sha256').update(bytes).digest('hex') !== expected.sha256) {
        throw new EmbeddingModelFilesError(file, 'corrupt', `its SHA-256 differs from the one ${MODEL_PACKAGE}@${version} ships`);
      }
    }
    return;
  }
  const model = await readJson(join(directory, 'model.json'));
  await readJson(join(directory, 'vocab.json'));
  for (const shard of weightShardsOf(model, join(directory, 'model.json'))) {
    const file = join(directory, shard);
    if ((await readModelFile(file)).length === 0) throw new EmbeddingModelFilesError(file, 'corrupt', 'the file is empty');
  }
}

async function expectFolder(directory: string): Promise<void> {
  const found = await stat(directory).catch(() => undefined);
  if (!found?.isDirectory()) throw new EmbeddingModelFilesError(directory, 'missing', 'the model folder is not there');
}

async function readModelFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new EmbeddingModelFilesError(file, 'missing', 'the file is not there');
    throw new EmbeddingModelFilesError(file, 'corrupt', `it cannot be read: ${code ?? String(error)}`);
  }
}

async function readJson(file: string): Promise<unknown> {
  const bytes = await readModelFile(file);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new EmbeddingModelFilesError(file, 'corrupt', 'it is not valid JSON');
  }
}

function weightShardsOf(model: unknown, file: string): string[] {
  const groups = (model as { weightsManifest?: { paths?: unknown }[] } | null)?.weightsManifest;
  const paths = Array.isArray(groups) ? groups.flatMap((group) => (Array.isArray(group?.paths) ? group.paths : [])) : [];
  if (paths.length === 0 || !paths.every((path) => typeof path === 'string')) {
    throw new EmbeddingModelFilesError(file, 'corrupt', 'it names no weight files');
  }
  return paths as string[];
}
