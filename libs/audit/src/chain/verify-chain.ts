import { GENESIS_HASH, type AuditEntry, type AuditHead } from '../entry/audit-entry';
import { describeChainBreak, type ChainBreak } from './chain-break';
import { hashAuditEntry } from './entry-hash';

/** Where a chain (or a page of one) ends, or where it first breaks. */
export type ChainVerdict =
  | { readonly ok: true; readonly head: AuditHead | undefined; readonly checked: number }
  | { readonly ok: false; readonly broken: ChainBreak; readonly checked: number };

/**
 * Checks that `entries` (in the order given) continue the chain after `after` — by default the
 * start of log `log` — each one's sequence following, previous hash matching and own hash
 * recomputed; names the first entry that does not. `checked` counts the entries before it.
 */
export function verifyAuditChain(log: string, entries: Iterable<AuditEntry>, after?: AuditHead): ChainVerdict {
  let previous: AuditHead = after ?? { log, sequence: 0, hash: GENESIS_HASH };
  let last: AuditHead | undefined = after;
  let checked = 0;
  for (const entry of entries) {
    const broken = firstProblem(log, previous, entry);
    if (broken) return { ok: false, broken, checked };
    previous = last = { log, sequence: entry.sequence, hash: entry.hash };
    checked++;
  }
  return { ok: true, head: last, checked };
}

function firstProblem(log: string, previous: AuditHead, entry: AuditEntry): ChainBreak | undefined {
  const sequence = previous.sequence + 1;
  if (entry.sequence !== sequence) return describeChainBreak(log, entry.sequence, 'sequence_gap', String(sequence), String(entry.sequence));
  if (entry.previousHash !== previous.hash) {
    return describeChainBreak(log, entry.sequence, 'previous_hash_mismatch', previous.hash, entry.previousHash);
  }
  // A row moved in from another log hashes differently: the log's name is part of the content.
  const hash = hashAuditEntry({ ...entry, log });
  if (entry.hash !== hash) return describeChainBreak(log, entry.sequence, 'content_hash_mismatch', hash, entry.hash);
  return undefined;
}
