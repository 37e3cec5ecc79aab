import type { AuditHead } from '../entry/audit-entry';
import type { AuditLogReader } from '../store/audit-log.port';

/** A published head the table no longer agrees with. */
export interface AuditRewrite {
  readonly published: AuditHead;
  /** The hash the table now holds at that sequence, or `undefined` when the entry is gone. */
  readonly foundHash: string | undefined;
  readonly message: string;
}

const BATCH = 500;

/**
 * Compares the table with the heads published for its log (others are ignored) and returns the
 * first head, by sequence, whose entry is missing or hashes differently: the table was rewritten
 * after that head was published, even if the rewritten chain verifies on its own.
 */
export async function detectRewrite(store: AuditLogReader, heads: Iterable<AuditHead>): Promise<AuditRewrite | undefined> {
  const published = [...heads].filter((head) => head.log === store.log).sort((a, b) => a.sequence - b.sequence);
  for (let start = 0; start < published.length; start += BATCH) {
    const batch = published.slice(start, start + BATCH);
    const found = new Map((await store.entriesAt(batch.map((head) => head.sequence))).map((entry) => [entry.sequence, entry.hash]));
    for (const head of batch) {
      const hash = found.get(head.sequence);
      if (hash === head.hash) continue;
      const now = hash === undefined ? 'the table has no such entry' : `the table's entry hashes to ${hash}`;
      return {
        published: head,
        foundHash: hash,
        message: `audit log "${store.log}" was rewritten: entry ${head.sequence} was published with hash ${head.hash} but ${now}`,
      };
    }
  }
  return undefined;
}
