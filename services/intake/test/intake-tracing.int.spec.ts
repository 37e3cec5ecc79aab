import { randomBytes, randomUUID } from 'node:crypto';
import { callerMetadataOf } from '@frm/caller';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { quoteIdent } from '@frm/postgres';
import { testPostgres, type TestPostgres } from '@frm/testing';
import { flushTraces, startTracing, type RunningTracing } from '@frm/tracing';
import { couple, startIntakeTestBed, type IntakeTestBed } from './support/intake-test-bed';

/**
 * A call that arrives with a traceparent (as the gateway sends it) runs in a server span of that
 * trace, and the events it appends carry the span's traceparent — which the relay puts on Kafka.
 */
describe('intake continues the caller’s trace into its events', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: RunningTracing;
  let server: TestPostgres;
  let bed: IntakeTestBed;
  let eventStoreSchema: string;

  beforeAll(async () => {
    tracing = startTracing({ service: 'intake', exporter });
    server = await testPostgres({ prefix: 'intake_tracing' });
    eventStoreSchema = `${server.schema}_events`;
    bed = await startIntakeTestBed(server.db, { eventStoreSchema, readModelSchema: `${server.schema}_read_model` });
  });

  afterAll(async () => {
    await bed?.close();
    await tracing?.shutdown();
    if (server) {
      for (const schema of [eventStoreSchema, `${server.schema}_read_model`]) await server.db.exec(`drop schema if exists ${quoteIdent(schema)} cascade`);
      await server.cleanup();
    }
  });

  it('records a server span under the caller’s span and stamps the appended event with its traceparent', async () => {
    const traceId = randomBytes(16).toString('hex');
    const gatewaySpan = randomBytes(8).toString('hex');
    const metadata = { ...callerMetadataOf(couple()), traceparent: `00-${traceId}-${gatewaySpan}-01` };
    const request = await bed.client.call('submitFeatureRequest', { requestId: randomUUID(), title: 'Table plan sharing', category: 'guest-management' }, { metadata });
    await flushTraces();

    const span = exporter.getFinishedSpans().find((s) => s.name === 'frm.v1.IntakeService/SubmitFeatureRequest' && s.spanContext().traceId === traceId);
    expect(span?.parentSpanContext?.spanId).toBe(gatewaySpan);
    const submitted = (await bed.allEvents()).find((event) => event.data['featureRequestId'] === request.id);
    // Appended inside the service's span: a consumer of the event becomes that span's child.
    expect(submitted?.metadata['traceparent']).toBe(`00-${traceId}-${span?.spanContext().spanId}-01`);
  });
});
