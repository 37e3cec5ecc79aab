/**
 * Lets a subscriber sleep until new events may exist: woken at once by appends from this process
 * or by NOTIFY from others, or after `timeoutMs` (the fallback when a notification was lost).
 * Every notification counts, also one that comes while a subscriber is busy reading: the
 * subscriber passes the {@link generation} it saw before it read, and a wait returns at once when
 * a notification came since. Without that, an append that commits during a read that found
 * nothing waits out the timeout.
 */
export class WakeUp {
  private waiters = new Set<() => void>();
  private notifications = 0;

  /** How many notifications there have been; pass it to {@link wait} as `since`. */
  get generation(): number {
    return this.notifications;
  }

  notify(): void {
    this.notifications++;
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  /** Resolves `true` when woken (or already notified after `since`), `false` when the time ran out. */
  wait(timeoutMs: number, since = this.notifications): Promise<boolean> {
    if (this.notifications !== since) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (woken: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(onWake);
        resolve(woken);
      };
      const onWake = () => finish(true);
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.waiters.add(onWake);
    });
  }
}
