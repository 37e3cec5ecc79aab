import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';

export interface TracingOptions {
  /** `service.name` of every span this process makes: "gateway", "intake". */
  readonly service: string;
  /**
   * Where spans go: an OTLP/HTTP endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT`, e.g. http://collector:4318),
   * or an exporter (tests). Absent: spans are made and propagated (ids in logs, `traceparent` on
   * calls and messages) but not exported.
   */
  readonly endpoint?: string;
  readonly exporter?: SpanExporter;
}

export interface RunningTracing {
  /** Sends what is still buffered, then stops exporting. */
  shutdown(): Promise<void>;
}

let running: { service: string; provider: BasicTracerProvider } | undefined;

/**
 * Sets the process up for tracing: W3C trace context, context that follows async work, and a tracer
 * provider that batches spans to the exporter. Once per process — several services in one process
 * (the launcher) share the first one's set-up, so later calls keep it and say nothing.
 */
export function startTracing(options: TracingOptions): RunningTracing {
  if (running) return { shutdown: async () => undefined };
  const processors: SpanProcessor[] = [];
  const exporter = options.exporter ?? (options.endpoint ? new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/$/, '')}/v1/traces` }) : undefined);
  if (exporter) processors.push(new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1_000 }));
  const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ 'service.name': options.service }), spanProcessors: processors });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  running = { service: options.service, provider };
  return {
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
      running = undefined;
    },
  };
}

/** Sends the spans buffered so far (tests read them at once). */
export async function flushTraces(): Promise<void> {
  await running?.provider.forceFlush();
}
