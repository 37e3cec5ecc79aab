import { Metadata, status, type StatusObject } from '@grpc/grpc-js';
import { ApplicationError } from './application-error';
import { translateForeignError } from './foreign-errors';

/** What the caller is told about any error it cannot act on: nothing of our internals. */
export const INTERNAL_ERROR_MESSAGE = 'internal error; try again later, and report it if it persists';

const SERVER_FAULTS: ReadonlySet<status> = new Set([
  status.INTERNAL,
  status.UNKNOWN,
  status.UNAVAILABLE,
  status.DATA_LOSS,
  status.DEADLINE_EXCEEDED,
  status.UNIMPLEMENTED,
]);

/**
 * The one mapping from an error to the gRPC status the caller receives. Application errors give
 * their own code, message and trailers; known errors of other libraries are recognised by name;
 * anything else becomes `INTERNAL` with a fixed message, so no internal detail or stack trace
 * reaches the caller (log the error itself instead).
 */
export function toGrpcStatus(error: unknown): StatusObject {
  const known = error instanceof ApplicationError ? error : error instanceof Error ? translateForeignError(error) : undefined;
  if (known === undefined) return { code: status.INTERNAL, details: INTERNAL_ERROR_MESSAGE, metadata: new Metadata() };
  const metadata = new Metadata();
  for (const [key, values] of Object.entries(known.trailers())) {
    for (const value of values) metadata.add(key, value);
  }
  return { code: known.code, details: known.message, metadata };
}

/** Whether a code means the server failed (log it as an error) rather than the request (the caller's to fix). */
export function isServerFault(code: status): boolean {
  return SERVER_FAULTS.has(code);
}
