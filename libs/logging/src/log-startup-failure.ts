import type { Logger } from './create-logger';

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Logs why start-up failed as one line: the message alone for a setup problem (one of
 * `setupErrors`, whose messages already name the cause and the fix; a stack trace would only bury
 * that line), with the stack for anything else, which is a bug.
 */
export function logStartupFailure(logger: Logger, error: unknown, setupErrors: readonly ErrorClass[]): void {
  const message = error instanceof Error ? error.message.replace(/:\s*\n\s*/, ': ').replace(/\s*\n\s*/g, '; ') : String(error);
  const isSetupProblem = setupErrors.some((type) => error instanceof type);
  logger.fatal(isSetupProblem ? { error: (error as Error).name } : { err: error }, `cannot start: ${message}`);
}
