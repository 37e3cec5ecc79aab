import { INTERRUPTED_EXIT_CODE } from './cli-error';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export interface Interruption {
  readonly signal: AbortSignal;
  dispose(): void;
}

/**
 * Turns Ctrl+C (or SIGTERM) into an AbortSignal, so that work can stop cleanly and close what it
 * opened; a second one means "now" and ends the process at once.
 */
export function cancelOnInterrupt(): Interruption {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(INTERRUPTED_EXIT_CODE);
    controller.abort();
  };
  for (const name of SIGNALS) process.on(name, onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      for (const name of SIGNALS) process.off(name, onSignal);
    },
  };
}
