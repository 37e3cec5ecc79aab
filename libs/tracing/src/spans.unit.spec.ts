import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { currentTraceId, currentTraceparent, flushTraces, inSpan, SpanKind, startTracing, type RunningTracing } from './index';

describe('spans', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: RunningTracing;
  beforeAll(() => {
    tracing = startTracing({ service: 'tracing-test', exporter });
  });
  afterAll(() => tracing.shutdown());
  beforeEach(() => exporter.reset());

  it('continues the trace of an incoming traceparent, nests what runs inside, and passes its own traceparent on', async () => {
    const incoming = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    let inner: string | undefined;
    await inSpan('frm.v1.IntakeService/GetFeatureRequest', { kind: SpanKind.SERVER, traceparent: incoming }, async () => {
      expect(currentTraceId()).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
      await new Promise((wake) => setTimeout(wake, 5));
      await inSpan('append', { kind: SpanKind.INTERNAL }, async () => {
        inner = currentTraceparent();
      });
    });
    await flushTraces();
    const [child, server] = exporter.getFinishedSpans();
    expect(server?.name).toBe('frm.v1.IntakeService/GetFeatureRequest');
    expect(server?.spanContext().traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(server?.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(child?.parentSpanContext?.spanId).toBe(server?.spanContext().spanId);
    expect(inner).toBe(`00-4bf92f3577b34da6a3ce929d0e0e4736-${child?.spanContext().spanId}-01`);
    expect(server?.resource.attributes['service.name']).toBe('tracing-test');
  });

  it('starts a trace when none came, and records a failure as an error', async () => {
    await expect(
      inSpan('fails', { kind: SpanKind.CONSUMER }, async () => {
        throw new Error('the database went away');
      }),
    ).rejects.toThrow('the database went away');
    await flushTraces();
    const [span] = exporter.getFinishedSpans();
    expect(span?.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(span?.parentSpanContext).toBeUndefined();
    expect(span?.status).toMatchObject({ code: 2, message: 'the database went away' });
    expect(currentTraceparent()).toBeUndefined();
  });
});
