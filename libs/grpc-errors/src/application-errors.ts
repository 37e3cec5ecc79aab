import { status } from '@grpc/grpc-js';
import { ApplicationError } from './application-error';

type ErrorOptions = { readonly cause?: unknown };

/** The thing asked for does not exist (gRPC `NOT_FOUND`): "feature request fr-1 was not found". */
export class NotFoundError extends ApplicationError {
  override readonly name = 'NotFoundError';
  readonly code = status.NOT_FOUND;

  /** @param what the kind of thing, as a person says it (`feature request`) */
  constructor(what: string, id: string, options?: ErrorOptions) {
    super(`${what} ${id} was not found`, options);
  }
}

/** What the request would create exists already (gRPC `ALREADY_EXISTS`), e.g. a second vote. */
export class AlreadyExistsError extends ApplicationError {
  override readonly name = 'AlreadyExistsError';
  readonly code = status.ALREADY_EXISTS;
}

/** The request is valid but not in the current state (gRPC `FAILED_PRECONDITION`): "shipped requests cannot be edited". */
export class FailedPreconditionError extends ApplicationError {
  override readonly name = 'FailedPreconditionError';
  readonly code = status.FAILED_PRECONDITION;
}

/** A concurrent change won (gRPC `ABORTED`); reading again and retrying will do. */
export class AbortedError extends ApplicationError {
  static readonly DEFAULT_MESSAGE = 'the request changed meanwhile; reload and try again';
  override readonly name = 'AbortedError';
  readonly code = status.ABORTED;

  constructor(message = AbortedError.DEFAULT_MESSAGE, options?: ErrorOptions) {
    super(message, options);
  }
}

/** The caller is known but its role does not allow this (gRPC `PERMISSION_DENIED`); say which role would. */
export class PermissionDeniedError extends ApplicationError {
  override readonly name = 'PermissionDeniedError';
  readonly code = status.PERMISSION_DENIED;
}

/** The caller is not known (gRPC `UNAUTHENTICATED`). */
export class UnauthenticatedError extends ApplicationError {
  static readonly DEFAULT_MESSAGE = 'sign in again: the access token is missing, expired or invalid';
  override readonly name = 'UnauthenticatedError';
  readonly code = status.UNAUTHENTICATED;

  constructor(message = UnauthenticatedError.DEFAULT_MESSAGE, options?: ErrorOptions) {
    super(message, options);
  }
}

/** A dependency is down for now (gRPC `UNAVAILABLE`); the same request may succeed later. */
export class UnavailableError extends ApplicationError {
  static readonly DEFAULT_MESSAGE = 'the service is unavailable for a moment; try again shortly';
  override readonly name = 'UnavailableError';
  readonly code = status.UNAVAILABLE;

  constructor(message = UnavailableError.DEFAULT_MESSAGE, options?: ErrorOptions) {
    super(message, options);
  }
}
