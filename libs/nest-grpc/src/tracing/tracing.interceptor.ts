import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Observable, type Subscription } from 'rxjs';
import { inSpan, SpanKind } from '@frm/tracing';

interface MetadataLike {
  get(key: string): ReadonlyArray<string | Buffer>;
}

/**
 * Runs each gRPC handler in a server span that continues the caller's trace (the `traceparent` the
 * gateway passes on), so what the handler does — the events it appends, the calls it makes — joins
 * the trace. Registered before the request-context interceptor, whose log lines then carry its id.
 */
@Injectable()
export class TracingInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const metadata = context.switchToRpc().getContext() as MetadataLike | undefined;
    const traceparent = metadata?.get?.('traceparent')[0];
    const call = context.getArgByIndex<{ getPath?: () => string } | undefined>(2);
    const name = call?.getPath?.().slice(1) ?? `${context.getClass().name}.${context.getHandler().name}`;
    return new Observable((subscriber) => {
      let inner: Subscription | undefined;
      let unsubscribed = false;
      let ended: () => void = () => undefined;
      void inSpan(name, { kind: SpanKind.SERVER, ...(typeof traceparent === 'string' ? { traceparent } : {}), attributes: { 'rpc.system': 'grpc' } }, () =>
        // Nest binds the handler to the async context in which handle() is called, so call it inside.
        new Promise<void>((settled, failed) => {
          ended = settled;
          if (unsubscribed) return settled();
          inner = next.handle().subscribe({
            next: (value) => subscriber.next(value),
            error: (error: unknown) => {
              subscriber.error(error);
              failed(error);
            },
            complete: () => {
              subscriber.complete();
              settled();
            },
          });
        }),
      ).catch(() => undefined);
      // A client that cancels (a stream it stops reading) unsubscribes: the handler must hear of it.
      return () => {
        unsubscribed = true;
        inner?.unsubscribe();
        // The span ends with the call, also one the client cancelled.
        ended();
      };
    });
  }
}
