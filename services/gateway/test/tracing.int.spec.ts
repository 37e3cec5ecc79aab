import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import { createLogger } from '@frm/logging';
import { flushTraces, startTracing, type RunningTracing } from '@frm/tracing';
import { signAccessToken, startGateway, type RunningGateway } from '../src';
import { GrpcIntakeClient } from './support/gateway-clients';
import { RecordingIntake } from './support/recording-intake';

const SECRET = randomBytes(32).toString('base64url');

interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Array<{ key: string; value: Record<string, unknown> }>;
}

/** An OTLP/HTTP receiver: what a collector would get from the gateway, decoded from the JSON the exporter posts. */
async function otlpReceiver() {
  const spans: Array<ExportedSpan & { service: string }> = [];
  const server: HttpServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceSpans: Array<{ resource: { attributes: ExportedSpan['attributes'] }; scopeSpans: Array<{ spans: ExportedSpan[] }> }>;
      };
      for (const resourceSpans of body.resourceSpans) {
        const service = String(resourceSpans.resource.attributes.find((a) => a.key === 'service.name')?.value['stringValue']);
        for (const scope of resourceSpans.scopeSpans) for (const span of scope.spans) spans.push({ ...span, service });
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { endpoint: `http://127.0.0.1:${port}`, spans, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('traces through the gateway', () => {
  let receiver: Awaited<ReturnType<typeof otlpReceiver>>;
  let tracing: RunningTracing;
  let upstream: RecordingIntake;
  let gateway: RunningGateway;
  let grpc: GrpcIntakeClient;

  beforeAll(async () => {
    receiver = await otlpReceiver();
    tracing = startTracing({ service: 'gateway', endpoint: receiver.endpoint });
    upstream = await RecordingIntake.start();
    gateway = await startGateway({ routes: { 'frm.v1.IntakeService': upstream.address }, tokenKeys: { secret: SECRET }, logger: createLogger({ service: 'gateway-test', level: 'silent' }), port: 0 });
    grpc = new GrpcIntakeClient(gateway.address);
  });

  afterAll(async () => {
    grpc?.close();
    await gateway?.close();
    await upstream?.close();
    await tracing?.shutdown();
    await receiver?.close();
  });

  it("continues the browser's trace, exports its span over OTLP, and hands the service a traceparent whose parent is that span", async () => {
    const authorization = `Bearer ${await signAccessToken({ sub: randomUUID(), roles: ['couple'] }, SECRET)}`;
    const traceId = randomBytes(16).toString('hex');
    const browserSpan = randomBytes(8).toString('hex');
    const id = randomUUID();
    await grpc.call('getFeatureRequest', { featureRequestId: id }, { authorization, traceparent: `00-${traceId}-${browserSpan}-01` });
    await flushTraces();

    const span = receiver.spans.find((s) => s.name === 'frm.v1.IntakeService/GetFeatureRequest' && s.traceId === traceId);
    expect(span).toMatchObject({ service: 'gateway', parentSpanId: browserSpan, kind: 2 });
    expect(span?.attributes).toContainEqual({ key: 'rpc.grpc.status_code', value: { intValue: 0 } });
    const passedOn = upstream.calls.find((call) => call.featureRequestId === id)?.metadata['traceparent'];
    expect(passedOn).toBe(`00-${traceId}-${span?.spanId}-01`);
  });

  it('starts a trace for a call that came without one, so the service still gets a traceparent', async () => {
    const authorization = `Bearer ${await signAccessToken({ sub: randomUUID(), roles: ['couple'] }, SECRET)}`;
    const id = randomUUID();
    await grpc.call('getFeatureRequest', { featureRequestId: id }, { authorization });
    expect(upstream.calls.find((call) => call.featureRequestId === id)?.metadata['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });
});
