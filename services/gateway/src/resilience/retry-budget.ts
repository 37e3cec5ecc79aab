export interface RetryBudgetOptions {
  /** Retries allowed as a share of the calls in the window (default 0.1: one retry per ten calls). */
  readonly ratio?: number;
  /** Retries allowed per second whatever the traffic, so a quiet gateway can still retry (default 5). */
  readonly minPerSecond?: number;
  /** The window the shares are counted over (default 10 s). */
  readonly windowMs?: number;
}

/**
 * Caps retries at a share of the calls, over a sliding window, so that retries cannot multiply the
 * load on a service that is already failing (a retry storm); the circuit breaker then takes over.
 * Pure bookkeeping: the caller says when a call starts and asks before each retry.
 */
export class RetryBudget {
  private readonly ratio: number;
  private readonly minPerSecond: number;
  private readonly windowMs: number;
  private calls: number[] = [];
  private retries: number[] = [];

  constructor(options: RetryBudgetOptions = {}, private readonly now: () => number = Date.now) {
    this.ratio = options.ratio ?? 0.1;
    this.minPerSecond = options.minPerSecond ?? 5;
    this.windowMs = options.windowMs ?? 10_000;
  }

  /** Counts a call (not a retry). */
  called(): void {
    this.calls.push(this.now());
  }

  /** Takes one retry from the budget; false when it is spent. */
  tryRetry(): boolean {
    const now = this.now();
    const since = now - this.windowMs;
    this.calls = this.calls.filter((at) => at > since);
    this.retries = this.retries.filter((at) => at > since);
    const allowed = this.ratio * this.calls.length + (this.minPerSecond * this.windowMs) / 1000;
    if (this.retries.length >= allowed) return false;
    this.retries.push(now);
    return true;
  }
}
