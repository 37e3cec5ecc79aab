import { status } from '@grpc/grpc-js';
import { ApplicationError } from '@frm/grpc-errors';

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
