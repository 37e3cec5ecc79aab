/**
 * `npm run bench:relay`: the event store → Kafka relay against raw kafkajs produce, same run.
 *  - 100,000 events (80 % feature-request histories of 100 events, 20 % vote histories of 10) in a
 *    Postgres event store, written with multi-event appends;
 *  - baseline: the same messages (same keys, headers and values, made beforehand), in the relay's
 *    batch size, each batch one `sendBatch` with the relay's producer settings, to fresh topics;
 *  - measured: a relay publishing the store from the start to other fresh topics.
 * Both rates run from the first to the last acknowledged batch. Baseline and relay take turns for
 * FRM_BENCH_ROUNDS rounds (default 2) and the best round of each counts, so that a burst of load
 * from elsewhere on the machine hits one round rather than decide the ratio. Needs a broker:
 * FRM_KAFKA_BROKERS, or one started (and stopped) here.
 */
import { randomUUID } from 'node:crypto';
import type { TopicMessages } from 'kafkajs';
import { reportResult, runConcurrently, startProgress } from '@frm/bench';
import { loadEventSchemaRegistry } from '@frm/contracts';
import { openPostgresEventStore, type EventStore } from '@frm/event-store';
import { createLogger } from '@frm/logging';
import { openPgDatabase, quoteIdent, type SqlDatabase } from '@frm/postgres';
import { KafkaBroker } from '@frm/testing';
import {
  EventRelay,
  FEATURE_REQUESTS_TOPIC,
  VOTES_TOPIC,
  compressionOf,
  createKafkaClient,
  ensureTopics,
  eventProducerConfig,
  frmEventRoutes,
  toTopicMessages,
  topicsOf,
  withTopics,
  type EventRoute,
  type KafkaClientOptions,
} from '../src';
import { featureRequestHistory, voteHistory, type BenchAppend } from './bench-events';

const url = process.env['FRM_BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const EVENTS = Number(process.env['FRM_BENCH_RELAY_EVENTS'] ?? 100_000);
const BATCH_SIZE = 500;
const PARTITIONS = 6;
const REQUEST_HISTORY = 100;
const VOTE_HISTORY = 10;
const WRITERS = 8;
const ROUNDS = Number(process.env['FRM_BENCH_ROUNDS'] ?? 2);

async function main(): Promise<void> {
  const logger = createLogger({ service: 'bench-relay', level: 'warn', destination: process.stderr });
  const given = process.env['FRM_KAFKA_BROKERS']?.split(',').filter(Boolean);
  const broker = given?.length ? undefined : await KafkaBroker.start();
  const kafka: KafkaClientOptions = { brokers: given?.length ? given : (broker as KafkaBroker).brokers, clientId: 'bench-relay', logger };
  const schema = `bench_relay_${randomUUID().slice(0, 8)}`;
  const db = await openPgDatabase({ connectionString: url, maxConnections: WRITERS + 2 });
  const store = await openPostgresEventStore(db, { schema });
  const run = randomUUID().slice(0, 8);
  const topics: string[] = [];
  const routesTo = (label: string) => {
    const routes = withTopics(frmEventRoutes, { [FEATURE_REQUESTS_TOPIC]: `bench-${label}-requests-${run}`, [VOTES_TOPIC]: `bench-${label}-votes-${run}` });
    topics.push(...topicsOf(routes));
    return routes;
  };
  try {
    await fill(store);
    const baselines: Rate[] = [];
    const relays: Rate[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const baselineRoutes = routesTo(`baseline-${round}`);
      const relayRoutes = routesTo(`relay-${round}`);
      await ensureTopics(kafka, [...topicsOf(baselineRoutes), ...topicsOf(relayRoutes)], { numPartitions: PARTITIONS });
      baselines.push(await rawProduce(kafka, store, baselineRoutes, round));
      relays.push(await relay(kafka, store, db, schema, relayRoutes, round));
    }
    const best = (rates: Rate[]) => rates.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
    const [measured, baseline] = [best(relays), best(baselines)];
    reportResult(
      'relay.event_store_to_kafka',
      { value: measured.perSecond, unit: 'events/s', baseline: baseline.perSecond, target: 0.5 },
      {
        events: EVENTS,
        batchSize: BATCH_SIZE,
        partitions: PARTITIONS,
        relayElapsedMs: Math.round(measured.elapsedMs),
        baselineElapsedMs: Math.round(baseline.elapsedMs),
        rounds: ROUNDS,
        relayRounds: relays.map((rate) => Math.round(rate.perSecond)),
        baselineRounds: baselines.map((rate) => Math.round(rate.perSecond)),
      },
    );
  } finally {
    await store.close();
    await db.exec(`drop schema if exists ${quoteIdent(schema)} cascade`).catch(() => undefined);
    await db.close();
    await deleteTopics(kafka, topics).catch(() => undefined);
    await broker?.stop();
  }
}

async function fill(store: EventStore): Promise<void> {
  const requestEvents = Math.round(EVENTS * 0.8);
  const appends: (() => BenchAppend)[] = [];
  for (let left = requestEvents; left > 0; left -= REQUEST_HISTORY) appends.push(() => featureRequestHistory(Math.min(REQUEST_HISTORY, left)));
  for (let left = EVENTS - requestEvents; left > 0; left -= VOTE_HISTORY) appends.push(() => voteHistory(Math.min(VOTE_HISTORY, left)));
  const progress = startProgress('relay: writing events', EVENTS);
  await runConcurrently(appends.length, WRITERS, async (i) => {
    const { streamId, events } = (appends[i] as () => BenchAppend)();
    await store.appendToStream(streamId, events, { expectedRevision: 'no_stream' });
    progress.increment(events.length);
  });
  progress.stop();
}

interface Rate {
  perSecond: number;
  elapsedMs: number;
}

/** Events per second between the first and the last acknowledged batch. */
class AckClock {
  private first: { at: number; events: number } | undefined;
  private last = 0;
  private events = 0;

  acknowledged(events: number): void {
    const now = performance.now();
    this.first ??= { at: now, events };
    this.last = now;
    this.events += events;
  }

  rate(): Rate {
    const first = this.first ?? { at: 0, events: 0 };
    const elapsedMs = this.last - first.at;
    return { perSecond: ((this.events - first.events) * 1000) / elapsedMs, elapsedMs };
  }
}

async function rawProduce(kafka: KafkaClientOptions, store: EventStore, routes: EventRoute[], round: number): Promise<Rate> {
  const registry = loadEventSchemaRegistry();
  const batches: { topicMessages: TopicMessages[]; events: number }[] = [];
  for await (const page of store.readAll({ pageSize: BATCH_SIZE })) {
    batches.push({ topicMessages: toTopicMessages(page, { routes, registry }), events: page.length });
  }
  const producer = createKafkaClient(kafka).producer(eventProducerConfig());
  await producer.connect();
  const clock = new AckClock();
  const progress = startProgress(`relay: baseline raw sendBatch (${round})`, EVENTS);
  try {
    for (const { topicMessages, events } of batches) {
      await producer.sendBatch({ topicMessages, acks: -1, compression: compressionOf('none') });
      clock.acknowledged(events);
      progress.increment(events);
    }
  } finally {
    progress.stop();
    await producer.disconnect();
  }
  return clock.rate();
}

async function relay(kafka: KafkaClientOptions, store: EventStore, db: SqlDatabase, schema: string, routes: EventRoute[], round: number): Promise<Rate> {
  const clock = new AckClock();
  const progress = startProgress(`relay: event store → Kafka (${round})`, EVENTS);
  let published = 0;
  let allPublished: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allPublished = resolve));
  const relay = new EventRelay({
    name: `bench-${round}`,
    eventStore: store,
    checkpointDb: db,
    checkpointSchema: schema,
    kafka,
    routes,
    batchSize: BATCH_SIZE,
    logger: kafka.logger,
    onPublished: ({ events }) => {
      clock.acknowledged(events);
      progress.increment(events);
      published += events;
      if (published >= EVENTS) allPublished();
    },
  });
  try {
    await relay.start();
    await Promise.race([done, relay.done.then(() => Promise.reject(new Error('the relay stopped before publishing every event')))]);
  } finally {
    progress.stop();
    await relay.stop();
  }
  return clock.rate();
}

async function deleteTopics(kafka: KafkaClientOptions, topics: string[]): Promise<void> {
  const admin = createKafkaClient(kafka).admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
