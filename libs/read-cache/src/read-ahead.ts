import type { CacheChanges, CacheReplacement } from './cache-store.port';

/** The answers read again ahead of an invalidation, to take the place of those its changes make stale. */
export class ReadAhead {
  private readonly replacements: CacheReplacement[] = [];
  private closed = false;

  constructor(readonly changes: CacheChanges) {}

  /** False once the invalidation went ahead without it. */
  add(replacement: CacheReplacement): boolean {
    if (!this.closed) this.replacements.push(replacement);
    return !this.closed;
  }

  /** What was read in time; nothing is added afterwards. */
  close(): CacheReplacement[] {
    this.closed = true;
    return [...this.replacements];
  }
}
