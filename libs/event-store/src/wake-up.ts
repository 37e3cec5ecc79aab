/**
 * Lets a subscriber sleep until new events may exist: woken at once by appends from this process
 * or by NOTIFY from others, or after `timeoutMs` (the fallback when a notification was lost).
 */
export class WakeUp {
  private waiters = new Set<() => void>();

  notify(): void {
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  /** Resolves `true` when woken, `false` when the time ran out. */
  wait(timeoutMs: number): Promise<boolean> {
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
