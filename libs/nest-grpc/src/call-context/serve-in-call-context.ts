import type { Metadata } from '@grpc/grpc-js';
import { runWithRequestContext, requestContextFromGrpcMetadata } from '@frm/logging';
import { inSpan, SpanKind } from '@frm/tracing';

/** What grpc-js hands a handler: the call (metadata, path) and, for a unary call, the callback. */
export interface ServedCall {
  readonly metadata: Metadata;
  getPath?(): string;
}
type Callback = (error: unknown, ...reply: unknown[]) => void;
export type GrpcHandler = (call: ServedCall, callback?: Callback) => unknown;

/**
 * Runs each call of `serve` inside the request context read from its metadata (every line it logs
 * carries the ids) and in a server span that continues the caller's trace (the `traceparent` the
 * gateway passes on), so the events it appends and the calls it makes join the trace. The span
 * ends with the call: at the reply of a unary call, at the end (or the cancel) of a stream.
 *
 * This sits in the transport rather than in Nest interceptors: each Nest interceptor costs the
 * call an `AsyncResource.bind` (two deprecation wrappers each on Node 20) and rxjs layers, which
 * the profiles of the surge showed as about 5% of a service's CPU.
 */
export function serveInCallContext(serve: GrpcHandler): GrpcHandler {
  return (call, callback) => {
    const traceparent = call.metadata.get('traceparent')[0];
    const name = call.getPath?.().slice(1) ?? 'grpc call';
    const options = { kind: SpanKind.SERVER, ...(typeof traceparent === 'string' ? { traceparent } : {}), attributes: { 'rpc.system': 'grpc' } };
    return runWithRequestContext(requestContextFromGrpcMetadata(call.metadata), () =>
      inSpan(name, options, () =>
        callback === undefined
          ? Promise.resolve(serve(call))
          : new Promise<void>((settled, failed) => {
              const reply: Callback = (error, ...rest) => {
                callback(error, ...rest);
                if (error) failed(error);
                else settled();
              };
              Promise.resolve(serve(call, reply)).catch(failed);
            }),
      ),
    ).catch(() => undefined); // the call already carries its error to the client; the span records it
  };
}
