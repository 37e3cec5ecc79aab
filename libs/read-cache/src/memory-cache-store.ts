import type { CacheLookup, CacheStore } from './cache-store.port';

/**
 * The cache in this process's memory, for the embedded platform (one process, no Redis). At most
 * `maxEntries` entries: the oldest stored goes first.
 */
export class MemoryCacheStore implements CacheStore {
  private readonly generations = new Map<string, number>();
  private readonly entries = new Map<string, { value: Buffer; expiresAt: number }>();
  private readonly popular = new Map<string, Map<string, number>>();

  constructor(private readonly maxEntries = 10_000) {}

  async lookup(generationKeys: readonly string[], entryPrefix: string, entrySuffix: string): Promise<CacheLookup> {
    const generation = generationKeys.map((key) => String(this.generations.get(key) ?? 0)).join('.');
    const key = `${entryPrefix}${generation}${entrySuffix}`;
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) this.entries.delete(key);
    return { generation, value: entry && entry.expiresAt > Date.now() ? entry.value : undefined };
  }

  async store(key: string, value: Buffer, ttlSeconds: number): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  async bump(generationKeys: readonly string[]): Promise<void> {
    for (const key of generationKeys) this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
  }

  async countRequest(key: string, member: Buffer): Promise<void> {
    const counts = this.popular.get(key) ?? new Map<string, number>();
    const id = member.toString('base64');
    counts.set(id, (counts.get(id) ?? 0) + 1);
    this.popular.set(key, counts);
  }

  async mostRequested(key: string, count: number): Promise<Buffer[]> {
    return [...(this.popular.get(key) ?? new Map<string, number>())]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([id]) => Buffer.from(id, 'base64'));
  }
}
