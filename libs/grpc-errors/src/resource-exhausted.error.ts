import { status } from '@grpc/grpc-js';
import { ApplicationError } from './application-error';
import { RETRY_AFTER_TRAILER } from './grpc-trailers';

/** A limit was reached (gRPC `RESOURCE_EXHAUSTED`); the caller may retry after `retryAfterSeconds`. */
export class ResourceExhaustedError extends ApplicationError {
  override readonly name = 'ResourceExhaustedError';
  readonly code = status.RESOURCE_EXHAUSTED;
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number, message?: string) {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    super(message ?? `too many requests; try again in ${seconds} s`);
    this.retryAfterSeconds = seconds;
  }

  override trailers(): Readonly<Record<string, readonly string[]>> {
    return { [RETRY_AFTER_TRAILER]: [String(this.retryAfterSeconds)] };
  }
}
