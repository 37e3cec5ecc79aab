import { InvalidSettingsError } from '@frm/config';
import type { Logger } from '@frm/logging';
import { KafkaUnreachableError, TopicMissingError } from '@frm/messaging';
import { DatabaseUnavailableError } from '@frm/postgres';
import { DataDirInUseError, InvalidStorageSettingsError } from '@frm/storage';
import { GrpcPortUnavailableError } from './intake-grpc.server';

// Their messages already name the cause and the fix; a stack trace would only bury that line.
const SETUP_ERRORS = [
  InvalidSettingsError,
  KafkaUnreachableError,
  TopicMissingError,
  DatabaseUnavailableError,
  GrpcPortUnavailableError,
  DataDirInUseError,
  InvalidStorageSettingsError,
];

/** Logs why start-up failed as one line: the message alone for a setup problem, with the stack for a bug. */
export function logStartupFailure(logger: Logger, error: unknown): void {
  const message = error instanceof Error ? error.message.replace(/:\s*\n\s*/, ': ').replace(/\s*\n\s*/g, '; ') : String(error);
  const isSetupProblem = SETUP_ERRORS.some((type) => error instanceof type);
  logger.fatal(isSetupProblem ? { error: (error as Error).name } : { err: error }, `cannot start: ${message}`);
}
