/** Receives one line per step of a long operation (Maven copy, formatting, waiting for the broker). */
export type ProgressReporter = (message: string) => void;

// stderr, so that a CLI's stdout carries only its result (the bootstrap address).
export const stderrProgress: ProgressReporter = (message) => {
  process.stderr.write(`[kafka] ${message}\n`);
};

export const silentProgress: ProgressReporter = () => undefined;

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
