import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';

/** The in-memory limiter that stands in for Redis (rate-limiter-flexible's insurance), telling its owner each time it is used. */
export class WatchedMemoryLimiter extends RateLimiterMemory {
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
