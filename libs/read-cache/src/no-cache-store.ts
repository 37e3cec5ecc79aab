import type { CacheLookup, CacheStore } from './cache-store.port';

/**
 * Keeps nothing: for processes that share a database without sharing a cache (several replicas
 * without Redis), where one process's memory could not learn of another's writes.
 */
export class NoCacheStore implements CacheStore {
  readonly keepsAnswers = false;
  private lookups = 0;

  // A stamp of its own for every read: no changes are seen here, so no read may share another's load.
  async lookup(): Promise<CacheLookup> {
    return { stamp: ++this.lookups, value: undefined, watched: 0 };
  }
  async store(): Promise<void> {
    return undefined;
  }
  async invalidate(): Promise<void> {
    return undefined;
  }
  async countRequest(): Promise<void> {
    return undefined;
  }
  async mostRequested(): Promise<Buffer[]> {
    return [];
  }
}
