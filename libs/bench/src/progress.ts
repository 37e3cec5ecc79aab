import { SingleBar } from 'cli-progress';

export interface Progress {
  increment(by?: number): void;
  /** Sets how far it is, for work counted elsewhere (mails a server accepted). */
  update(value: number): void;
  stop(): void;
}

/** A progress bar on stderr, so that stdout keeps only the JSON results. */
export function startProgress(label: string, total: number): Progress {
  const bar = new SingleBar({
    format: `${label.padEnd(34)} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`,
    stream: process.stderr,
    noTTYOutput: true,
    notTTYSchedule: 5_000,
    hideCursor: true,
  });
  bar.start(total, 0);
  return {
    increment: (by = 1) => bar.increment(by),
    update: (value) => bar.update(value),
    stop: () => bar.stop(),
  };
}
