import { status } from '@grpc/grpc-js';
import { ApplicationError, RETRY_AFTER_TRAILER } from '@frm/grpc-errors';

/** The request body is over the gateway's size limit (gRPC `RESOURCE_EXHAUSTED`). */
export class RequestTooLargeError extends ApplicationError {
  override readonly name = 'RequestTooLargeError';
  readonly code = status.RESOURCE_EXHAUSTED;

  constructor(limitBytes: number) {
    super(`the request is larger than the gateway's limit of ${limitBytes} bytes; send less per call`);
  }
}

/** No service behind this gateway serves the RPC (gRPC `UNIMPLEMENTED`). */
export class NoRouteError extends ApplicationError {
  override readonly name = 'NoRouteError';
  readonly code = status.UNIMPLEMENTED;

  constructor(service: string) {
    super(`${service} does not run behind this gateway; check the RPC's name, or start that service`);
  }
}

/** The request is not a gRPC call the gateway can forward (gRPC `UNIMPLEMENTED`, or HTTP 415 when not gRPC at all). */
export class UnsupportedRequestError extends ApplicationError {
  override readonly name = 'UnsupportedRequestError';
  readonly code = status.UNIMPLEMENTED;
}

/** The gateway stopped sending calls to a failing service for a while (gRPC `UNAVAILABLE`, with retry-after). */
export class CircuitOpenError extends ApplicationError {
  override readonly name = 'CircuitOpenError';
  readonly code = status.UNAVAILABLE;
  readonly retryAfterSeconds: number;

  constructor(service: string, retryAfterMs: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    super(`${service} has been failing, so the gateway holds its calls back for a few seconds (circuit open); try again in ${seconds} s`);
    this.retryAfterSeconds = seconds;
  }

  override trailers(): Readonly<Record<string, readonly string[]>> {
    return { [RETRY_AFTER_TRAILER]: [String(this.retryAfterSeconds)] };
  }
}
