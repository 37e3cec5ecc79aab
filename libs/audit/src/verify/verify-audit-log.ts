import type { ChainBreak } from '../chain/chain-break';
import { verifyAuditChain } from '../chain/verify-chain';
import type { AuditHead } from '../entry/audit-entry';
import type { AuditLogReader } from '../store/audit-log.port';

export interface VerifyProgress {
  /** Entries verified so far. */
  readonly checked: number;
  /** Entries up to the head when verification started; entries appended since are verified too. */
  readonly total: number;
}

export interface VerifyAuditLogOptions {
  /** Called after each page. */
  readonly onProgress?: (progress: VerifyProgress) => void;
  /** Entries read per query (default 1,000). */
  readonly pageSize?: number;
  /**
   * Start after this entry instead of at the genesis: for a log whose older entries were
   * archived, the last archived entry's sequence and hash.
   */
  readonly after?: AuditHead;
}

/** The whole log verified, or the first entry that breaks it. */
export type AuditLogVerdict =
  | { readonly ok: true; readonly log: string; readonly checked: number; readonly head: AuditHead | undefined }
  | { readonly ok: false; readonly log: string; readonly checked: number; readonly broken: ChainBreak };

/**
 * Walks the whole chain in pages, recomputing every hash, and stops at the first broken entry.
 * What it cannot see — the newest entries removed, or the whole table rewritten consistently — is
 * what {@link detectRewrite} finds against the published heads.
 */
export async function verifyAuditLog(store: AuditLogReader, options: VerifyAuditLogOptions = {}): Promise<AuditLogVerdict> {
  const pageSize = options.pageSize ?? 1_000;
  let previous = options.after;
  const total = Math.max(0, ((await store.head())?.sequence ?? 0) - (previous?.sequence ?? 0));
  let checked = 0;
  for (;;) {
    const page = await store.read(previous?.sequence ?? 0, pageSize);
    const verdict = verifyAuditChain(store.log, page, previous);
    checked += verdict.checked;
    if (!verdict.ok) return { ok: false, log: store.log, checked, broken: verdict.broken };
    previous = verdict.head;
    options.onProgress?.({ checked, total: Math.max(total, checked) });
    if (page.length < pageSize) return { ok: true, log: store.log, checked, head: previous };
  }
}
