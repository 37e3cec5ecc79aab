import { context, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';

export { SpanKind };

const TRACER = 'frm';
const TRACEPARENT = 'traceparent';

export interface SpanOptions {
  readonly kind: SpanKind;
  /** A W3C `traceparent` from the caller (a header, a message): the span continues that trace. */
  readonly traceparent?: string;
  readonly attributes?: Attributes;
}

/**
 * Runs `work` inside a new span, active for everything `work` awaits or schedules; the span ends
 * when `work` settles, as an error when it throws. Without a `traceparent` the span continues the
 * active trace, or starts one.
 */
export function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  const parent = options.traceparent ? contextOf(options.traceparent) : context.active();
  return trace.getTracer(TRACER).startActiveSpan(name, { kind: options.kind, attributes: options.attributes }, parent, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The W3C `traceparent` of the active span, to pass on with a call, an event or a message; undefined outside one. */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier[TRACEPARENT];
}

/** The trace id of the active span, for log lines; undefined outside one. */
export function currentTraceId(): string | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}

/** Marks the span as failed with a gRPC status that is a server fault. */
export function endWithGrpcStatus(span: Span, code: number, name: string, isFault: boolean): void {
  span.setAttribute('rpc.grpc.status_code', code);
  if (isFault) span.setStatus({ code: SpanStatusCode.ERROR, message: name });
}

function contextOf(traceparent: string): Context {
  return propagation.extract(context.active(), { [TRACEPARENT]: traceparent });
}
