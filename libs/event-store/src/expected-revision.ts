/**
 * What the writer believes about a stream before appending:
 * a revision (the stream's last event has exactly this revision), `no_stream` (it must not exist),
 * `stream_exists`, or `any` (no check).
 */
export type ExpectedRevision = bigint | 'no_stream' | 'stream_exists' | 'any';

/** The revision a stream has, or `none` when it does not exist. */
export type CurrentRevision = bigint | 'none';

export function describeRevision(revision: ExpectedRevision | CurrentRevision): string {
  return typeof revision === 'bigint' ? `revision ${revision}` : revision.replace('_', ' ');
}
