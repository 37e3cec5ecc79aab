export type { CacheLookup, CacheStore } from './cache-store.port';
export { MemoryCacheStore } from './memory-cache-store';
export { invalidateProjectionCaches, ReadCache, type CacheCodec, type CachedRead, type ReadCacheOptions } from './read-cache';
export { RedisCacheStore } from './redis-cache-store';
export { NoCacheStore } from './no-cache-store';
