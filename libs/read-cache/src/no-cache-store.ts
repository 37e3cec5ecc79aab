import type { CacheLookup, CacheStore } from './cache-store.port';

/**
 * Keeps nothing: for processes that share a database without sharing a cache (several replicas
 * without Redis), where one process's memory could not learn of another's writes.
 */
export class NoCacheStore implements CacheStore {
  async lookup(): Promise<CacheLookup> {
    return { generation: '0', value: undefined };
  }
  async store(): Promise<void> {
    return undefined;
  }
  async bump(): Promise<void> {
    return undefined;
  }
  async countRequest(): Promise<void> {
    return undefined;
  }
  async mostRequested(): Promise<Buffer[]> {
    return [];
  }
}
