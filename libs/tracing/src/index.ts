export { flushTraces, startTracing, type RunningTracing, type TracingOptions } from './start-tracing';
export { currentTraceId, currentTraceparent, endWithGrpcStatus, inSpan, SpanKind, type SpanOptions } from './spans';
