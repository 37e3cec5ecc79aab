import { status, type ServerErrorResponse } from '@grpc/grpc-js';
import { Catch, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import type { Logger } from '@frm/logging';
import { throwError, type Observable } from 'rxjs';
import { isServerFault, toGrpcStatus } from './to-grpc-status';

/**
 * Turns whatever a gRPC handler throws into the status from {@link toGrpcStatus}. Register it on
 * a NestJS gRPC microservice with `app.useGlobalFilters(new GrpcExceptionFilter(logger))`.
 *
 * Nest hands the error this returns, unchanged, to grpc-js's callback (`ServerGrpc` in
 * `@nestjs/microservices` 11), and grpc-js reads `code`, `details` and `metadata` (as trailers)
 * from it; an `RpcException` would reach grpc-js the same way, as its `getError()` object.
 * Server faults are logged as errors with the whole error; refused requests at debug.
 */
@Catch()
export class GrpcExceptionFilter implements RpcExceptionFilter<unknown> {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): Observable<never> {
    const grpcStatus = toGrpcStatus(exception);
    const fields = { rpc: rpcPathOf(host), grpcStatus: status[grpcStatus.code] };
    if (isServerFault(grpcStatus.code)) {
      this.logger.error({ ...fields, err: exception }, 'gRPC call failed');
    } else {
      this.logger.debug({ ...fields, details: grpcStatus.details }, 'gRPC call refused');
    }
    const error: ServerErrorResponse = Object.assign(new Error(grpcStatus.details), grpcStatus);
    return throwError(() => error);
  }
}

// A unary or server-streaming call is the handler's third argument; its path names the method.
function rpcPathOf(host: ArgumentsHost): string | undefined {
  const call = host.getArgByIndex<{ getPath?: () => string } | undefined>(2);
  return typeof call?.getPath === 'function' ? call.getPath() : undefined;
}
