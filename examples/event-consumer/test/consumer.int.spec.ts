import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { loadEventSchemaRegistry } from '@frm/contracts';
import type { RecordedEvent } from '@frm/event-store';
import { EventProducer, FEATURE_REQUESTS_TOPIC, frmEventRoutes, toTopicMessages, withTopics } from '@frm/messaging';
import { testKafka, uniqueName, waitUntil, type TestKafka } from '@frm/testing';

const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');

/** A stored feature-request event, as the relay reads it from the event store. */
function storedEvent(type: string, featureRequestId: string, revision: bigint, data: Record<string, unknown>): RecordedEvent {
  return {
    id: randomUUID(),
    type,
    data: { featureRequestId, occurredAt: '2026-06-20T10:00:00.250Z', ...data },
    metadata: { correlationId: randomUUID() },
    streamId: `feature-request-${featureRequestId}`,
    revision,
    position: { commit: 10n + revision, prepare: 10n + revision },
    recordedAt: new Date(),
  };
}

describe('the example event consumer', () => {
  let kafka: TestKafka;
  let producer: EventProducer;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    kafka = await testKafka();
    producer = await EventProducer.open({ brokers: kafka.brokers, clientId: 'example-consumer-test' });
  });

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await producer?.disconnect();
    await kafka?.cleanup();
  });

  it('prints each event once, though the relay sent one twice, and stops on SIGINT', async () => {
    const topic = await kafka.createTopic({ prefix: 'example-requests', partitions: 2 });
    const options = { routes: withTopics(frmEventRoutes, { [FEATURE_REQUESTS_TOPIC]: topic }), registry: loadEventSchemaRegistry() };
    const requestId = randomUUID();
    const submitted = storedEvent('frm.events.v1.FeatureRequestSubmitted', requestId, 0n, { authorId: randomUUID(), title: 'Seating plans for venues' });
    const commented = storedEvent('frm.events.v1.FeatureRequestCommentAdded', requestId, 1n, { commentId: 'c-1', authorId: randomUUID(), body: 'Yes please' });
    // As the relay publishes them, then the first again as a replay (`frm dr republish`) sends it.
    await producer.sendBatch(toTopicMessages([submitted, commented], options));
    await producer.sendBatch(toTopicMessages([submitted], { ...options, replay: true }));

    const stdout: string[] = [];
    let stderr = '';
    const running = spawn(
      process.execPath,
      ['-r', '@swc-node/register', 'examples/event-consumer/consumer.ts', '--topic', topic, '--group', uniqueName('example'), '--from-beginning'],
      { cwd: WORKSPACE_ROOT, env: { ...process.env, FRM_KAFKA_BROKERS: kafka.brokers.join(',') }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = running;
    const exited = new Promise<number | null>((resolve) => running.once('exit', (code) => resolve(code)));
    let partial = '';
    running.stdout.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      stdout.push(...lines);
    });
    running.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

    await waitUntil(
      'the consumer printed both events and skipped the repeat',
      () => stdout.length >= 2 && stderr.includes(`Skipped a repeat of event ${submitted.id} (a replay)`),
      { timeoutMs: 90_000, intervalMs: 100 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nstdout:\n${stdout.join('\n')}\nstderr:\n${stderr}`);
    });
    running.kill('SIGINT');
    expect(await exited).toBe(0);

    const printed = stdout.map((line) => JSON.parse(line) as { id: string; type: string; key: string; replay: boolean; data: Record<string, unknown> });
    expect(printed.map((event) => event.id).sort()).toEqual([submitted.id, commented.id].sort());
    const first = printed.find((event) => event.id === submitted.id);
    expect(first).toMatchObject({ type: 'frm.events.v1.FeatureRequestSubmitted', key: requestId, replay: false, data: { title: 'Seating plans for venues' } });
    expect(printed.find((event) => event.id === commented.id)?.data).toMatchObject({ featureRequestId: requestId, body: 'Yes please' });
    expect(stderr).toContain('SIGINT: leaving the consumer group');
  });
});
