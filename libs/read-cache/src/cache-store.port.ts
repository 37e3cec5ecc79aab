/** What a cache entry lookup found: the generation the entry would belong to, and the entry if there is one. */
export interface CacheLookup {
  readonly generation: string;
  readonly value: Buffer | undefined;
}

/**
 * Where cached answers live (Redis across processes, or this process's memory). Entries belong to a
 * generation; moving a generation on makes every entry of the old one unreachable at once.
 */
export interface CacheStore {
  /**
   * The current generation — the values of `generationKeys` joined with dots — and, in one round
   * trip, the entry `<prefix><generation><suffix>`.
   */
  lookup(generationKeys: readonly string[], entryPrefix: string, entrySuffix: string): Promise<CacheLookup>;
  /** Keeps an entry for at most `ttlSeconds` (a bound on memory, not what keeps answers fresh). */
  store(key: string, value: Buffer, ttlSeconds: number): Promise<void>;
  /** Moves the generations on: their entries are gone for readers from now on. */
  bump(generationKeys: readonly string[]): Promise<void>;
  /** Counts one more request of `member` in the popularity list `key`. */
  countRequest(key: string, member: Buffer): Promise<void>;
  /** The `count` most requested members of `key`, most requested first. */
  mostRequested(key: string, count: number): Promise<Buffer[]>;
}
