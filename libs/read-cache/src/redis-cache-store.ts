import type { Redis } from 'ioredis';
import type { CacheLookup, CacheStore } from './cache-store.port';

// The generation and the entry it points to, in one round trip.
const LOOKUP = `
local generation = redis.call('GET', KEYS[1]) or '0'
return { generation, redis.call('GET', ARGV[1] .. generation .. ARGV[2]) }
`;

/** Popularity lists keep their most requested members only. */
const POPULAR_KEEP = 200;

/** The cache in Redis, shared by every replica of a service. */
export class RedisCacheStore implements CacheStore {
  constructor(private readonly redis: Redis) {
    // ioredis sends the script by its SHA once Redis knows it; the …Buffer form returns bytes.
    if (!('frmCacheLookupBuffer' in redis)) redis.defineCommand('frmCacheLookup', { numberOfKeys: 1, lua: LOOKUP });
  }

  async lookup(generationKey: string, entryPrefix: string, entrySuffix: string): Promise<CacheLookup> {
    const lookup = (this.redis as unknown as { frmCacheLookupBuffer(key: string, prefix: string, suffix: string): Promise<[Buffer, Buffer | null]> }).frmCacheLookupBuffer;
    const [generation, value] = await lookup.call(this.redis, generationKey, entryPrefix, entrySuffix);
    return { generation: generation.toString(), value: value ?? undefined };
  }

  async store(key: string, value: Buffer, ttlSeconds: number): Promise<void> {
    await this.redis.set(key, value, 'EX', ttlSeconds);
  }

  async bump(generationKeys: readonly string[]): Promise<void> {
    if (generationKeys.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const key of generationKeys) pipeline.incr(key);
    await pipeline.exec();
  }

  async countRequest(key: string, member: Buffer): Promise<void> {
    await this.redis.pipeline().zincrby(key, 1, member).zremrangebyrank(key, 0, -POPULAR_KEEP - 1).exec();
  }

  async mostRequested(key: string, count: number): Promise<Buffer[]> {
    return this.redis.zrevrangeBuffer(key, 0, count - 1);
  }
}
