export { ApplicationError } from './application-error';
export {
  AbortedError,
  AlreadyExistsError,
  FailedPreconditionError,
  NotFoundError,
  PermissionDeniedError,
  UnauthenticatedError,
  UnavailableError,
} from './application-errors';
export { GrpcExceptionFilter } from './grpc-exception.filter';
export { FIELD_TRAILER, RETRY_AFTER_TRAILER } from './grpc-trailers';
export { InvalidArgumentError, type FieldViolation } from './invalid-argument.error';
export { ResourceExhaustedError } from './resource-exhausted.error';
export { INTERNAL_ERROR_MESSAGE, isServerFault, toGrpcStatus } from './to-grpc-status';
