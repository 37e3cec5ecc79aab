import { ResourceExhaustedError } from '@frm/grpc-errors';
import type { LimitKind } from './rate-limits';

/** A call over one of the gateway's rate limits (gRPC `RESOURCE_EXHAUSTED`, with a `retry-after` trailer). */
export class RateLimitedError extends ResourceExhaustedError {
  constructor(
    readonly limit: LimitKind,
    retryAfterSeconds: number,
    message: string,
  ) {
    super(retryAfterSeconds, message);
  }
}
