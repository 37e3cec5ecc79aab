import type { ErasureLedger } from './erasure-ledger';
import type { SubjectEraser } from './subject-eraser';

export interface ReapplyResult {
  /** Ledger entries looked at. */
  readonly entries: number;
  /** Keys that were back (restored) and deleted again. */
  readonly keysDeleted: number;
  /** SubjectErased events that were missing and appended again. */
  readonly eventsAppended: number;
}

export interface ReapplyOptions {
  readonly pageSize?: number;
  readonly onProgress?: (done: number) => void;
}

/**
 * Re-applies every erasure of the ledger, oldest first, after a restore from a backup taken before
 * some of them: deletes each erased key again if it is present, and appends SubjectErased again if
 * it is missing. Idempotent: a second run finds nothing to do. Run it after restoring the event
 * store or the key table, before the services take calls.
 */
export async function reapplyErasureLedger(ledger: ErasureLedger, eraser: SubjectEraser, options: ReapplyOptions = {}): Promise<ReapplyResult> {
  const pageSize = options.pageSize ?? 200;
  let entries = 0;
  let keysDeleted = 0;
  let eventsAppended = 0;
  let after: { erasedAt: Date; certificateId: string } | undefined;
  for (;;) {
    const page = await ledger.page(after, pageSize);
    for (const entry of page) {
      const redone = await eraser.complete(entry);
      entries++;
      if (redone.keyDeleted) keysDeleted++;
      if (redone.eventAppended) eventsAppended++;
    }
    options.onProgress?.(entries);
    const last = page.at(-1);
    if (!last || page.length < pageSize) return { entries, keysDeleted, eventsAppended };
    after = { erasedAt: last.erasedAt, certificateId: last.certificateId };
  }
}
