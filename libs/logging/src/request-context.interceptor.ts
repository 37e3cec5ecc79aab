import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { runWithRequestContext } from './request-context';
import { requestContextFromGrpcMetadata } from './request-context-headers';

/**
 * Runs each gRPC handler inside the request context read from its metadata, so that every line the
 * handler logs carries the ids. Other transports pass through untouched.
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const requestContext = requestContextFromGrpcMetadata(context.switchToRpc().getContext());
    // Nest binds the handler to the async context in which handle() is called, so call it inside.
    return new Observable((subscriber) => runWithRequestContext(requestContext, () => next.handle().subscribe(subscriber)));
  }
}
