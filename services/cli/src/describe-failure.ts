import { InvalidSettingsError } from '@frm/config';
import { CliError, INTERRUPTED_EXIT_CODE } from './cli-error';

// Errors of the libraries whose message already says what is wrong and what to do about it.
const SELF_EXPLAINING = new Set([
  'DatabaseUnavailableError',
  'InvalidStorageSettingsError',
  'RebuildInProgressError',
  'RebuildTakenOverError',
  'ProjectionStoppedError',
  'ProjectionVersionMismatchError',
  'ProjectionSchemaMissingError',
  'AuditLogMissingError',
  'InvalidAuditEntryError',
]);

export interface Failure {
  readonly message: string;
  readonly exitCode: number;
}

/** One line for stderr and the exit code, whatever was thrown. */
export function describeFailure(error: unknown): Failure {
  if (error instanceof CliError) return { message: oneLine(error.message), exitCode: error.exitCode };
  if (error instanceof InvalidSettingsError) {
    return { message: error.problems.map((problem) => problem.message).join('; '), exitCode: 1 };
  }
  if (error instanceof Error && error.name === 'RebuildCancelledError') {
    return { message: oneLine(error.message), exitCode: INTERRUPTED_EXIT_CODE };
  }
  if (error instanceof Error && SELF_EXPLAINING.has(error.name)) return { message: oneLine(error.message), exitCode: 1 };
  const reason = error instanceof Error ? error.message : String(error);
  return { message: `unexpected error: ${oneLine(reason)} (run with FRM_CLI_DEBUG=1 for the stack trace)`, exitCode: 1 };
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, '; ');
}
