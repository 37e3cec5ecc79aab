import { WakeUp } from './wake-up';

describe('WakeUp', () => {
  it('wakes a waiter at once when notified', async () => {
    const wakeUp = new WakeUp();
    const waiting = wakeUp.wait(10_000);
    wakeUp.notify();
    await expect(waiting).resolves.toBe(true);
  });

  it('returns at once for a notification that came while the subscriber was busy', async () => {
    const wakeUp = new WakeUp();
    const seen = wakeUp.generation;
    wakeUp.notify(); // e.g. an append committed while the subscriber was reading
    const started = Date.now();
    await expect(wakeUp.wait(10_000, seen)).resolves.toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('sleeps until the timeout when nothing came since what the subscriber saw', async () => {
    const wakeUp = new WakeUp();
    wakeUp.notify();
    const seen = wakeUp.generation;
    await expect(wakeUp.wait(20, seen)).resolves.toBe(false);
  });

  it('wakes every subscriber, each by what it saw', async () => {
    const wakeUp = new WakeUp();
    const first = wakeUp.wait(10_000);
    const seenBySecond = wakeUp.generation;
    wakeUp.notify();
    await expect(Promise.all([first, wakeUp.wait(10_000, seenBySecond)])).resolves.toEqual([true, true]);
  });
});
