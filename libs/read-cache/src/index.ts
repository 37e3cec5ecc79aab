export { compareSortKeys, type AxisPoint, type AxisRange, type CacheChanges, type CacheDependencies, type CacheEntry, type CacheLookup, type CacheReplacement, type CacheStore } from './cache-store.port';
export { MemoryCacheStore } from './memory-cache-store';
export { NoCacheStore } from './no-cache-store';
export { invalidateProjectionCaches } from './projection-caches';
export { MAX_PREFETCHES_IN_FLIGHT, ReadCache, type AnswerDependencies, type CacheCodec, type CachedRead, type CacheInvalidation, type ReadCacheOptions } from './read-cache';
export { RedisCacheStore } from './redis-cache-store';
