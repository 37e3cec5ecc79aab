import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { ResourceExhaustedError } from '@frm/grpc-errors';
import type { Logger } from '@frm/logging';

export interface VoteVelocityLimits {
  /** Votes one account may cast per minute: a person clicks through a board, a script does not (default 30). */
  readonly perVoterPerMinute: number;
  /** Votes per minute from one client address (default 300: a venue's wifi carries many guests). */
  readonly perAddressPerMinute: number;
}

export const DEFAULT_VOTE_VELOCITY_LIMITS: VoteVelocityLimits = { perVoterPerMinute: 30, perAddressPerMinute: 300 };

/**
 * The synchronous fraud check of the vote path: per-voter and per-address velocity, refused with
 * RESOURCE_EXHAUSTED and a retry-after. On Redis in the server modes, so every replica counts the
 * same votes; when Redis does not answer, each process counts in memory (a degraded check: limits
 * then hold per replica only), says so in its log and in {@link degradedChecks}, and never refuses
 * or double counts a vote because of it: the one-vote rule is the event store's, not this.
 */
export class VoteVelocity {
  private readonly perVoter: RateLimiterAbstract;
  private readonly perAddress: RateLimiterAbstract;
  private degraded = 0;
  private lastWarning = 0;

  constructor(options: { redis?: Redis; limits?: Partial<VoteVelocityLimits>; logger?: Logger; keyPrefix?: string }) {
    const limits = { ...DEFAULT_VOTE_VELOCITY_LIMITS, ...options.limits };
    const prefix = options.keyPrefix ?? 'frm:vote-velocity';
    const limiter = (name: string, points: number): RateLimiterAbstract => {
      const memoryOptions = { keyPrefix: `${prefix}:${name}`, points, duration: 60 };
      if (!options.redis) return new RateLimiterMemory(memoryOptions);
      const insurance = new WatchedMemoryLimiter(memoryOptions, () => this.noteDegraded(options.logger));
      return new RateLimiterRedis({
        storeClient: options.redis,
        keyPrefix: `${prefix}:${name}`,
        points,
        duration: 60,
        rejectIfRedisNotReady: true,
        insuranceLimiter: insurance,
      });
    };
    this.perVoter = limiter('voter', limits.perVoterPerMinute);
    this.perAddress = limiter('address', limits.perAddressPerMinute);
  }

  /** How many checks ran in memory because Redis did not answer. */
  get degradedChecks(): number {
    return this.degraded;
  }

  /** Counts one vote; throws ResourceExhaustedError when the voter or the address is over its limit. */
  async check(voterId: string, addressHash: string): Promise<void> {
    // Both counts at once: with the client's auto-pipelining they share one round trip to Redis.
    const [voter, address] = await Promise.allSettled([
      consume(this.perVoter, voterId, 'you are voting faster than a person does; wait a moment'),
      addressHash === '' ? Promise.resolve() : consume(this.perAddress, addressHash, 'too many votes from your network; wait a moment'),
    ]);
    if (voter.status === 'rejected') throw voter.reason;
    if (address.status === 'rejected') throw address.reason;
  }

  private noteDegraded(logger: Logger | undefined): void {
    this.degraded++;
    const now = Date.now();
    if (now - this.lastWarning < 10_000) return;
    this.lastWarning = now;
    logger?.warn({ degradedChecks: this.degraded }, 'vote velocity limits run in memory: Redis does not answer; limits hold per process only until it does');
  }
}

async function consume(limiter: RateLimiterAbstract, key: string, message: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw new ResourceExhaustedError(rejection.msBeforeNext / 1000, message);
    throw rejection;
  }
}

/** The in-memory limiter that stands in for Redis, telling its owner each time it is used. */
class WatchedMemoryLimiter extends RateLimiterMemory {
  constructor(
    options: ConstructorParameters<typeof RateLimiterMemory>[0],
    private readonly onUse: () => void,
  ) {
    super(options);
  }

  override consume(key: string | number, points?: number, options?: { [key: string]: unknown }): Promise<RateLimiterRes> {
    this.onUse();
    return super.consume(key, points, options);
  }
}
