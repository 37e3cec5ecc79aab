// An example consumer of the platform's events (see the catalogue: GET /events on the gateway, or
// deploy/events/asyncapi.yaml). It decodes each message with the generated contracts, skips events
// it has already seen (by event id: delivery is at least once) and prints one JSON line per event.
import { parseArgs } from 'node:util';
import { Kafka, logLevel, type EachMessagePayload } from 'kafkajs';
import { LRUCache } from 'lru-cache';
import { loadEventSchemaRegistry } from '@frm/contracts';
import { FEATURE_REQUESTS_TOPIC, decodeEventMessage, type ConsumedEvent } from '@frm/messaging';

const { values: options } = parseArgs({
  options: {
    topic: { type: 'string', default: FEATURE_REQUESTS_TOPIC },
    group: { type: 'string', default: 'frm-example-consumer' },
    'from-beginning': { type: 'boolean', default: false },
  },
});
const brokers = (process.env['FRM_KAFKA_BROKERS'] ?? '')
  .split(',')
  .map((broker) => broker.trim())
  .filter(Boolean);
if (brokers.length === 0) {
  process.stderr.write('Set FRM_KAFKA_BROKERS to the Kafka bootstrap address(es), e.g. FRM_KAFKA_BROKERS=127.0.0.1:9092\n');
  process.exit(2);
}

const registry = loadEventSchemaRegistry();
// In memory, so a restart forgets: a consumer whose work must happen once records the ids in the
// same transaction as the work (IdempotentConsumer in @frm/messaging does it in Postgres).
const seen = new LRUCache<string, true>({ max: 100_000 });
const consumer = new Kafka({ clientId: 'frm-example-consumer', brokers, logLevel: logLevel.WARN }).consumer({
  groupId: options.group,
  allowAutoTopicCreation: false,
});

/** One line per event: what it is, where it came from, and its data as canonical proto3 JSON. */
function printed(event: ConsumedEvent): string {
  const { id, type, subject, time, replay, data } = event;
  const { partition, offset, key } = event.kafka;
  return JSON.stringify({ id, type, subject, time, key, partition, offset, replay, data });
}

async function handle({ topic, partition, message }: EachMessagePayload): Promise<void> {
  let event: ConsumedEvent;
  try {
    event = decodeEventMessage(message, { topic, partition }, registry);
  } catch (error) {
    // A real consumer would send it to `<topic>.dlq` with the error, as IdempotentConsumer does.
    process.stderr.write(`Skipped ${topic}[${partition}]@${message.offset}: ${(error as Error).message}\n`);
    return;
  }
  if (seen.has(event.id)) {
    process.stderr.write(`Skipped a repeat of event ${event.id}${event.replay ? ' (a replay)' : ''}\n`);
    return;
  }
  process.stdout.write(`${printed(event)}\n`);
  seen.set(event.id, true);
}

async function stop(signal: string): Promise<void> {
  process.stderr.write(`${signal}: leaving the consumer group\n`);
  await consumer.disconnect();
  process.exit(0);
}

process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));
consumer.on(consumer.events.CRASH, ({ payload }) => {
  if (!payload.restart) {
    process.stderr.write(`The consumer stopped: ${payload.error.message}\n`);
    process.exit(1);
  }
});

void (async () => {
  await consumer.connect();
  await consumer.subscribe({ topic: options.topic, fromBeginning: options['from-beginning'] });
  await consumer.run({ eachMessage: handle });
  process.stderr.write(`Consuming ${options.topic} as group ${options.group} from ${brokers.join(',')}; Ctrl+C stops\n`);
})().catch((error: unknown) => {
  process.stderr.write(`Could not start consuming: ${(error as Error).message}\n`);
  process.exit(1);
});
