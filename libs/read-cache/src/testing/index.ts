export { testRedisCacheStore, type TestRedisCacheStore } from './test-redis-cache-store';
