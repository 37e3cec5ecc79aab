import type { Redis } from 'ioredis';
import type { CacheLookup, CacheStore } from './cache-store.port';

// The generation (its parts joined with dots) and the entry it points to, in one round trip.
const LOOKUP = `
local parts = {}
for i, key in ipairs(KEYS) do parts[i] = redis.call('GET', key) or '0' end
local generation = table.concat(parts, '.')
return { generation, redis.call('GET', ARGV[1] .. generation .. ARGV[2]) }
`;

/** Popularity lists keep their most requested members only. */
const POPULAR_KEEP = 200;

/** The cache in Redis, shared by every replica of a service. */
export class RedisCacheStore implements CacheStore {
  constructor(private readonly redis: Redis) {
    // ioredis sends the script by its SHA once Redis knows it; the …Buffer form returns bytes.
    if (!('frmCacheLookupBuffer' in redis)) redis.defineCommand('frmCacheLookup', { lua: LOOKUP });
  }

  async lookup(generationKeys: readonly string[], entryPrefix: string, entrySuffix: string): Promise<CacheLookup> {
    // Without numberOfKeys on the command, the first argument says how many keys follow.
    const lookup = (this.redis as unknown as { frmCacheLookupBuffer(...args: Array<string | number>): Promise<[Buffer, Buffer | null]> }).frmCacheLookupBuffer;
    const [generation, value] = await lookup.call(this.redis, generationKeys.length, ...generationKeys, entryPrefix, entrySuffix);
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
