import { createHash } from 'node:crypto';
import type { AuditEntry } from '../entry/audit-entry';
import { canonicalContent } from './canonical-content';

/** SHA-256, lowercase hex, of the entry's canonical content; its stored `hash` is ignored. */
export function hashAuditEntry(entry: Omit<AuditEntry, 'hash'> & { hash?: string }): string {
  return createHash('sha256')
    .update(canonicalContent({ ...entry, hash: '' }), 'utf8')
    .digest('hex');
}
