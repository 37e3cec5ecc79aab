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
  return Object.hasOwn(TRANSLATIONS, error.name) ? TRANSLATIONS[error.name]?.(error) : undefined;
}

// The event store's schema check names the field and the rule (an EventSchemaViolation as cause).
function invalidEvent(error: Error): ApplicationError {
  const { field, reason } = (error.cause ?? {}) as { field?: unknown; reason?: unknown };
  if (typeof field === 'string' && typeof reason === 'string') return new InvalidArgumentError(field, reason);
  return new InvalidArgumentError([{ rule: 'the request holds a value that cannot be recorded; check it against the API rules' }]);
}
