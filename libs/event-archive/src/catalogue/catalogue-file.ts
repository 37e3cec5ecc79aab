import type { BackupStore } from '../backup-store/backup-store.port';
import { BackupFileMissingError, CatalogueUnreadableError } from '../errors';
import { assertCatalogueChains } from './chain-rules';
import { CATALOGUE_FORMAT, CATALOGUE_FORMAT_VERSION, type Catalogue, type CatalogueEntry } from './catalogue';

export const CATALOGUE_FILE = 'catalogue.json';

/**
 * The archive's catalogue, checked against the chain rules; `undefined` when the store has none
 * (a new archive).
 * @throws CatalogueUnreadableError when it is not a catalogue this version reads
 */
export async function readCatalogue(store: BackupStore): Promise<Catalogue | undefined> {
  let text: string;
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of await store.get(CATALOGUE_FILE)) chunks.push(Buffer.from(chunk));
    text = Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    if (error instanceof BackupFileMissingError) return undefined;
    throw error;
  }
  const catalogue = parseCatalogue(text, `${CATALOGUE_FILE} in ${store.description}`);
  assertCatalogueChains(catalogue);
  return catalogue;
}

/** Replaces the catalogue in one atomic put. */
export async function writeCatalogue(store: BackupStore, catalogue: Catalogue): Promise<void> {
  const bytes = Buffer.from(`${JSON.stringify(catalogue, null, 2)}\n`, 'utf8');
  await store.put(CATALOGUE_FILE, [bytes]);
}

function parseCatalogue(text: string, where: string): Catalogue {
  let value: Partial<Catalogue>;
  try {
    value = JSON.parse(text) as Partial<Catalogue>;
  } catch (error) {
    throw new CatalogueUnreadableError(`${where} is not JSON (${(error as Error).message}); restore it from another copy of the backups`);
  }
  if (value?.format !== CATALOGUE_FORMAT) throw new CatalogueUnreadableError(`${where} is not an event archive catalogue`);
  if (value.formatVersion !== CATALOGUE_FORMAT_VERSION) {
    throw new CatalogueUnreadableError(`${where} has catalogue version ${String(value.formatVersion)}; this code reads version ${CATALOGUE_FORMAT_VERSION}`);
  }
  const valid =
    Number.isSafeInteger(value.revision) &&
    Number.isSafeInteger(value.nextSequence) &&
    Array.isArray(value.snapshots) &&
    Array.isArray(value.segments) &&
    [...value.snapshots, ...value.segments].every(isEntry);
  if (!valid) throw new CatalogueUnreadableError(`${where} is incomplete: a field or a file's entry is missing or has the wrong type`);
  return { caughtUpAt: null, updatedAt: null, ...value } as Catalogue;
}

function isEntry(entry: Partial<CatalogueEntry>): boolean {
  return (
    typeof entry?.name === 'string' &&
    (entry.kind === 'snapshot' || entry.kind === 'segment') &&
    Number.isSafeInteger(entry.sequence) &&
    typeof entry.from === 'string' &&
    typeof entry.to === 'string' &&
    Number.isSafeInteger(entry.eventCount) &&
    typeof entry.sha256 === 'string' &&
    Number.isSafeInteger(entry.sizeBytes) &&
    typeof entry.createdAt === 'string'
  );
}
