import { AbortedError, AlreadyExistsError, UnavailableError } from './application-errors';
import type { ApplicationError } from './application-error';
import { InvalidArgumentError } from './invalid-argument.error';

// By name, not by class: importing the event store or Postgres here would tie every service's
// error handling to those libraries' code.
const TRANSLATIONS: Readonly<Record<string, (error: Error) => ApplicationError>> = {
  WrongExpectedRevisionError: (error) => new AbortedError(undefined, { cause: error }),
  EventIdReusedError: (error) =>
    new AlreadyExistsError('this command id was already used for a different command; send a new command id', { cause: error }),
  InvalidEventError: invalidEvent,
  DatabaseUnavailableError: (error) => new UnavailableError(undefined, { cause: error }),
};

/** The application error that stands for an error of another library, if it is one we know. */
export function translateForeignError(error: Error): ApplicationError | undefined {
  if (Object.hasOwn(TRANSLATIONS, error.name)) return TRANSLATIONS[error.name]?.(error);
  return isDependencyAway(error) ? new UnavailableError(undefined, { cause: error }) : undefined;
}

// SQLSTATE class 08 (connection exception), and the server shutting down, crashed, starting up or full.
const UNREACHABLE_SQLSTATES = /^(08...|57P01|57P02|57P03|53300)$/;
const UNREACHABLE_NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
const GRPC_UNAVAILABLE = 14;

/**
 * A database or a service this one depends on is away for a moment (a restart, a failover): the
 * caller may retry, so the answer is UNAVAILABLE, not INTERNAL. Recognised by the codes `pg`,
 * Node and grpc-js put on their errors, and by pg's words for a connection that ended under it.
 */
function isDependencyAway(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNREACHABLE_SQLSTATES.test(code) || UNREACHABLE_NETWORK_CODES.has(code))) return true;
  // A grpc-js ServiceError of a call to another service (compliance's keys, for instance).
  if (code === GRPC_UNAVAILABLE && 'metadata' in error) return true;
  return /^Connection terminated/.test(error.message);
}

// The event store's schema check names the field and the rule (an EventSchemaViolation as cause).
function invalidEvent(error: Error): ApplicationError {
  const { field, reason } = (error.cause ?? {}) as { field?: unknown; reason?: unknown };
  if (typeof field === 'string' && typeof reason === 'string') return new InvalidArgumentError(field, reason);
  return new InvalidArgumentError([{ rule: 'the request holds a value that cannot be recorded; check it against the API rules' }]);
}
