export type ArchiveFileKind = 'snapshot' | 'segment';

const NAME = /^(snapshot|segment)-(\d{6,})\.ndjson\.gz$/;

/** `segment-000123.ndjson.gz`: the kind, then the archive-wide sequence number, so names sort in writing order. */
export function archiveFileName(kind: ArchiveFileKind, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`An archive file's sequence number must be a positive integer, got ${sequence}`);
  return `${kind}-${String(sequence).padStart(6, '0')}.ndjson.gz`;
}

/** The kind and sequence of an archive file's name; `undefined` for any other name (the catalogue, foreign files). */
export function parseArchiveFileName(name: string): { kind: ArchiveFileKind; sequence: number } | undefined {
  const match = NAME.exec(name);
  if (!match) return undefined;
  return { kind: match[1] as ArchiveFileKind, sequence: Number(match[2]) };
}
