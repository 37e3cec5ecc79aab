import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { ResourceExhaustedError } from '@frm/grpc-errors';

const HOUR_SECONDS = 3600;

export interface BulkExportLimiterOptions {
  readonly perHour: number;
  /** Counts on Redis when given (shared by every replica), in memory otherwise. */
  readonly redis?: Redis;
  /** Default `frm:compliance:bulk-export`; tests give each service its own. */
  readonly keyPrefix?: string;
}

/** How many bulk exports each admin may make per hour (rate-limiter-flexible). */
export class BulkExportLimiter {
  private readonly limiter: RateLimiterAbstract;

  constructor(private readonly options: BulkExportLimiterOptions) {
    const common = { points: options.perHour, duration: HOUR_SECONDS, keyPrefix: options.keyPrefix ?? 'frm:compliance:bulk-export' };
    // When Redis does not answer, each replica counts in memory rather than refusing every export.
    this.limiter = options.redis
      ? new RateLimiterRedis({ ...common, storeClient: options.redis, insuranceLimiter: new RateLimiterMemory(common) })
      : new RateLimiterMemory(common);
  }

  /** @throws ResourceExhaustedError with the seconds until the admin may export again */
  async consume(adminId: string): Promise<void> {
    try {
      await this.limiter.consume(adminId);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new ResourceExhaustedError(seconds, `an admin may make ${this.options.perHour} bulk exports an hour; try again in ${seconds} s`);
    }
  }
}
