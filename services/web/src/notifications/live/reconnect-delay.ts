const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
// Up to a fifth shorter at random, so that the tabs a gateway restart cut off do not all come back at once.
const JITTER = 0.2;

/** How long to wait before opening the watch again after `failures` ends or failures in a row (1, 2, …). */
export function reconnectDelayMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (1 - JITTER * random()));
}
