import type { AuditEntry, AuditEntryDraft } from '../entry/audit-entry';

/** What verification and rewrite detection read from a log. */
export interface AuditLogReader {
  /** The log's name: the chain's identity, and the key of its published heads. */
  readonly log: string;
  /** The latest entry, or `undefined` while the log is empty. */
  head(): Promise<AuditEntry | undefined>;
  /** Up to `limit` entries with a sequence above `afterSequence` (0: from the start), in sequence order. */
  read(afterSequence: number, limit: number): Promise<AuditEntry[]>;
  /** The entries at these sequences that exist, in sequence order. */
  entriesAt(sequences: readonly number[]): Promise<AuditEntry[]>;
}

/** An append-only, hash-chained log of privileged acts. */
export interface AuditLog extends AuditLogReader {
  /**
   * Appends the act after the current head, or returns the entry already written under the same
   * `entryId` (a retry). Concurrent appends are serialised: the chain never forks.
   * @throws InvalidAuditEntryError when the draft holds anything but ids and numbers
   * @throws AuditEntryIdReusedError when `entryId` already names a different act
   */
  append(draft: AuditEntryDraft): Promise<AppendedAuditEntry>;
}

export interface AppendedAuditEntry {
  readonly entry: AuditEntry;
  /** `false` when the entry was already there: this append was a retry. */
  readonly appended: boolean;
}
