import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from '@frm/logging';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import { LIMIT_WINDOW_SECONDS, perMinuteLimit, refusalOf } from './rate-limit.policy';
import type { LimitKind, RateLimits } from './rate-limits';
import { WatchedMemoryLimiter } from './watched-memory.limiter';

// One warning per this long while Redis stays away: enough to be seen, not enough to flood the log.
const DEGRADED_WARNING_INTERVAL_MS = 10_000;

export interface CallRateLimiterOptions {
  readonly limits: RateLimits;
  /** Counts on Redis when given, so that every gateway replica counts the same calls; in memory otherwise. */
  readonly redis?: Redis;
  /** Default `frm:gateway:rate-limit`; tests give each gateway its own. */
  readonly keyPrefix?: string;
  readonly logger: Logger;
  readonly metrics: Pick<GatewayMetrics, 'rateLimitRefusals' | 'rateLimiterDegraded'>;
}

/**
 * Counts each gRPC call against its client address and its user, and refuses one over either limit
 * with RESOURCE_EXHAUSTED and a retry-after. When Redis does not answer, each gateway counts in its
 * own memory instead (a degraded check: the limits then hold per replica), says so in its log and in
 * `frm_gateway_rate_limiter_degraded_total`, and never refuses or fails a call because of it.
 */
export class CallRateLimiter {
  private readonly limiters: Readonly<Record<LimitKind, RateLimiterAbstract>>;
  private lastWarning = 0;

  constructor(private readonly options: CallRateLimiterOptions) {
    this.limiters = { ip: this.limiterFor('ip'), user: this.limiterFor('user') };
  }

  /** Counts a call from `clientAddress`; an unknown address is not counted, as it would pool strangers together. */
  async checkClientAddress(clientAddress: string | undefined): Promise<void> {
    if (clientAddress !== undefined) await this.consume('ip', clientAddress);
  }

  /** Counts a call by `subject`, the verified token's `sub`. */
  async checkUser(subject: string): Promise<void> {
    await this.consume('user', subject);
  }

  private async consume(kind: LimitKind, key: string): Promise<void> {
    try {
      await this.limiters[kind].consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        this.options.metrics.rateLimitRefusals.inc({ limit: kind });
        throw refusalOf(kind, this.options.limits, rejection.msBeforeNext);
      }
      // Not a refusal: the store failed in a way the insurance did not catch. The call goes on.
      this.noteDegraded(rejection);
    }
  }

  private limiterFor(kind: LimitKind): RateLimiterAbstract {
    const keyPrefix = `${this.options.keyPrefix ?? 'frm:gateway:rate-limit'}:${kind}`;
    const counting = { keyPrefix, points: perMinuteLimit(kind, this.options.limits), duration: LIMIT_WINDOW_SECONDS };
    if (!this.options.redis) return new RateLimiterMemory(counting);
    return new RateLimiterRedis({
      ...counting,
      storeClient: this.options.redis,
      // Straight to the insurance while the connection is down, instead of waiting on a dead socket.
      rejectIfRedisNotReady: true,
      insuranceLimiter: new WatchedMemoryLimiter(counting, () => this.noteDegraded()),
    });
  }

  private noteDegraded(error?: unknown): void {
    this.options.metrics.rateLimiterDegraded.inc();
    const now = Date.now();
    if (now - this.lastWarning < DEGRADED_WARNING_INTERVAL_MS) return;
    this.lastWarning = now;
    this.options.logger.warn(
      error === undefined ? {} : { err: error },
      'rate limits count in memory: Redis does not answer; they hold per gateway process only until it does (check FRM_REDIS_URL and the Redis server)',
    );
  }
}
