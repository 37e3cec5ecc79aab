import type { CacheChanges, CacheEntry, CacheLookup, CacheStore } from '@frm/read-cache';

/**
 * A real cache store that, while recording, also keeps a copy of each answer stored (same stamp,
 * same dependencies) under a key nobody reads or refreshes: whether that copy is still fresh tells
 * whether a change made the original answer stale, even after the service read it again.
 */
export class ShadowingCacheStore implements CacheStore {
  private recording = false;
  private readonly shadows = new Map<string, Set<string>>();

  /** Keeps copies of what is stored from now on (forgetting earlier ones) until {@link stopRecording}. */
  startRecording(): void {
    this.shadows.clear();
    this.recording = true;
  }

  stopRecording(): void {
    this.recording = false;
  }

  constructor(
    private readonly inner: CacheStore,
    private readonly identify: (value: Buffer) => string,
  ) {}

  get keepsAnswers(): boolean {
    return this.inner.keepsAnswers;
  }

  lookup(key: string, sequence: string, watchedMark: string, withDependencies?: boolean): Promise<CacheLookup> {
    return this.inner.lookup(key, sequence, watchedMark, withDependencies);
  }

  async store(key: string, entry: CacheEntry, ttlSeconds: number): Promise<void> {
    await this.inner.store(key, entry, ttlSeconds);
    if (!this.recording) return;
    const shadow = `shadow:${key}`;
    await this.inner.store(shadow, entry, ttlSeconds);
    const answer = this.identify(entry.value);
    this.shadows.set(answer, (this.shadows.get(answer) ?? new Set()).add(shadow));
  }

  invalidate(sequence: string, changes: CacheChanges): Promise<void> {
    return this.inner.invalidate(sequence, changes);
  }

  countRequest(key: string, member: Buffer): Promise<void> {
    return this.inner.countRequest(key, member);
  }

  mostRequested(key: string, count: number): Promise<Buffer[]> {
    return this.inner.mostRequested(key, count);
  }

  /** Whether the answer identified as `answer`, stored while recording, would still be served. */
  async stillFresh(answer: string): Promise<boolean> {
    const shadows = [...(this.shadows.get(answer) ?? [])];
    if (shadows.length === 0) throw new Error(`no answer ${answer} was stored while recording`);
    const fresh = await Promise.all(shadows.map(async (shadow) => (await this.inner.lookup(shadow, 'unused', 'unused')).value !== undefined));
    if (new Set(fresh).size > 1) throw new Error(`copies of the answer ${answer} disagree`);
    return fresh[0] as boolean;
  }
}
