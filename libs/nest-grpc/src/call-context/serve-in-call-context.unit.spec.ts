import { Metadata } from '@grpc/grpc-js';
import { SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { currentRequestContext } from '@frm/logging';
import { currentTraceId, flushTraces, startTracing, type RunningTracing } from '@frm/tracing';
import { serveInCallContext, type GrpcHandler, type ServedCall } from './serve-in-call-context';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

describe('serveInCallContext', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: RunningTracing;
  beforeAll(() => {
    tracing = startTracing({ service: 'nest-grpc-test', exporter });
  });
  afterAll(() => tracing.shutdown());
  beforeEach(() => exporter.reset());

  it('runs a unary call in its request context and a server span of the caller’s trace that ends with the reply', async () => {
    let seen: { requestId?: string; traceId?: string } = {};
    let spansOpenAtReply = -1;
    const serve = serveInCallContext(async (_call, callback) => {
      await new Promise((wake) => setTimeout(wake, 5));
      seen = { requestId: currentRequestContext().requestId, traceId: currentTraceId() };
      spansOpenAtReply = exporter.getFinishedSpans().length;
      callback?.(null, { ok: true });
    });

    const reply = await callUnary(serve, callOf('/frm.v1.IntakeService/GetFeatureRequest', 'req-7'));

    expect(reply).toEqual({ error: null, value: { ok: true } });
    expect(seen).toEqual({ requestId: 'req-7', traceId: TRACE_ID });
    expect(spansOpenAtReply).toBe(0);
    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe('frm.v1.IntakeService/GetFeatureRequest');
    expect(span?.parentSpanContext?.spanId).toBe(CALLER_SPAN);
    expect(span?.status.code).not.toBe(SpanStatusCode.ERROR);
  });

  it('passes a refusal on to the client and records it on the span', async () => {
    const refusal = Object.assign(new Error('feature request fr-1 was not found'), { code: 5 });
    const serve = serveInCallContext((_call, callback) => callback?.(refusal));

    const reply = await callUnary(serve, callOf('/frm.v1.IntakeService/GetFeatureRequest', 'req-8'));

    expect(reply.error).toBe(refusal);
    expect(exporter.getFinishedSpans()[0]?.status).toMatchObject({ code: SpanStatusCode.ERROR, message: 'feature request fr-1 was not found' });
  });

  it('ends the span of a stream when the stream ends, not when the handler returns', async () => {
    let endStream: () => void = () => undefined;
    const serve = serveInCallContext(() => new Promise<void>((ended) => (endStream = ended)));

    const served = serve(callOf('/frm.v1.NotificationService/WatchNotifications', 'req-9')) as Promise<void>;
    await new Promise((wake) => setTimeout(wake, 5));
    await flushTraces();
    expect(exporter.getFinishedSpans()).toHaveLength(0);

    endStream();
    await served;
    await flushTraces();
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['frm.v1.NotificationService/WatchNotifications']);
  });
});

/** Calls a unary handler; resolves with its reply once the handler has settled and its span is exported. */
async function callUnary(serve: GrpcHandler, call: ServedCall): Promise<{ error: unknown; value?: unknown }> {
  let reply: { error: unknown; value?: unknown } | undefined;
  await serve(call, (error, value) => (reply = { error, value }));
  await flushTraces();
  if (reply === undefined) throw new Error('the handler settled without a reply');
  return reply;
}

function callOf(path: string, requestId: string): ServedCall {
  const metadata = new Metadata();
  metadata.set('x-request-id', requestId);
  metadata.set('traceparent', `00-${TRACE_ID}-${CALLER_SPAN}-01`);
  return { metadata, getPath: () => path };
}
