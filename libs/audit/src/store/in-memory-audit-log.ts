import { nextAuditEntry } from '../chain/next-entry';
import { checkAuditDraft, checkLogName } from '../entry/audit-draft-rules';
import type { AuditEntry, AuditEntryDraft } from '../entry/audit-entry';
import type { AppendedAuditEntry, AuditLog } from './audit-log.port';
import { sameActOrThrow } from './retried-append';

/** An audit log in memory, for unit tests of code that records acts; nothing survives the process. */
export class InMemoryAuditLog implements AuditLog {
  /** The stored entries, for tests that tamper with them. */
  readonly entries: AuditEntry[] = [];

  constructor(
    readonly log = 'test',
    private readonly clock: () => Date = () => new Date(),
  ) {
    checkLogName(log);
  }

  async append(draft: AuditEntryDraft): Promise<AppendedAuditEntry> {
    const checked = checkAuditDraft(draft);
    const existing = this.entries.find((entry) => entry.entryId === checked.entryId);
    if (existing) return { entry: sameActOrThrow(this.log, existing, checked), appended: false };
    const entry = nextAuditEntry(this.log, this.entries[this.entries.length - 1], checked, this.clock());
    this.entries.push(entry);
    return { entry, appended: true };
  }

  async head(): Promise<AuditEntry | undefined> {
    return this.entries[this.entries.length - 1];
  }

  async read(afterSequence: number, limit: number): Promise<AuditEntry[]> {
    return this.sorted()
      .filter((entry) => entry.sequence > afterSequence)
      .slice(0, limit);
  }

  async entriesAt(sequences: readonly number[]): Promise<AuditEntry[]> {
    const wanted = new Set(sequences);
    return this.sorted().filter((entry) => wanted.has(entry.sequence));
  }

  // Like a table read in sequence order: tampering that moves an entry shows as a gap, not a swap.
  private sorted(): AuditEntry[] {
    return [...this.entries].sort((a, b) => a.sequence - b.sequence);
  }
}
