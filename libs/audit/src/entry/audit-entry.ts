import type { AuditAction } from './audit-action';

/** What an act was done to: a kind of thing and its id, never a name or any other personal data. */
export interface AuditTarget {
  /** `feature_request`, `vote`, `subject`, `projection`, `key`… */
  readonly type: string;
  readonly id: string;
}

/**
 * Facts about the act beyond its target, as ids (`intoRequestId`, `keyVersion`) and numbers
 * (`votesMoved`, `rowCount`) only: no names, e-mail addresses or text a person wrote, because the
 * log can never be erased and so must hold nothing that erasure would have to remove.
 */
export type AuditDetail = Readonly<Record<string, string | number>>;

/** An act to record, as its caller describes it; the log adds the sequence, time and hashes. */
export interface AuditEntryDraft {
  /**
   * Names this act, so a retried append returns the entry already written instead of adding a
   * second one: derive it from the command id, as event ids are. A UUID.
   */
  readonly entryId: string;
  /** Who did it: the caller's subject id (`sub`) or a service's id, never a name or e-mail. */
  readonly actorId: string;
  readonly action: AuditAction;
  readonly target: AuditTarget;
  /**
   * Why, in the staff's words about the act (`duplicate of an earlier request`, `GDPR Art. 17
   * request`), at most {@link MAX_REASON_LENGTH} characters; it must not name or quote a person.
   */
  readonly reason: string;
  readonly detail?: AuditDetail;
}

/** One link of the hash chain, as stored. */
export interface AuditEntry extends Required<AuditEntryDraft> {
  /** The log's name: one table may hold several logs, each its own chain. */
  readonly log: string;
  /** 1 for the first entry of a log, then one more for each entry, without gaps. */
  readonly sequence: number;
  /** When it was written, as ISO 8601 UTC with milliseconds (`2026-06-20T10:00:00.250Z`). */
  readonly recordedAt: string;
  /** {@link hash} of the entry before (sequence − 1); {@link GENESIS_HASH} for the first. */
  readonly previousHash: string;
  /** SHA-256, lowercase hex, of the entry's canonical content (which includes `previousHash`). */
  readonly hash: string;
}

/** The latest link of a log: what is published to pin the chain, and where verification starts. */
export interface AuditHead {
  readonly log: string;
  readonly sequence: number;
  readonly hash: string;
}

/** The `previousHash` of a log's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export const MAX_REASON_LENGTH = 500;
export const MAX_DETAIL_KEYS = 20;

export function headOf(entry: AuditEntry): AuditHead {
  return { log: entry.log, sequence: entry.sequence, hash: entry.hash };
}
