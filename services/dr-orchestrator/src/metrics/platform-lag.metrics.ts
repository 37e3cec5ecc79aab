import { lagBetween, secondsWaitingAfter, type EventStore } from '@frm/event-store';
import type { Logger } from '@frm/logging';
import type { KafkaBacklog, RelayCheckpoints } from '@frm/messaging';
import { Counter, Gauge, type Registry } from '@frm/metrics';
import type { SqlDatabase } from '@frm/postgres';
import { projectionHealth } from '@frm/projections';
import type { ProjectionCatalogue } from '../projections/projection-catalogue';

export interface PlatformLagSources {
  readonly db: SqlDatabase;
  readonly eventStore: EventStore;
  readonly catalogue: ProjectionCatalogue;
  readonly relayCheckpoints: RelayCheckpoints;
  /** Absent without Kafka: no consumer lag or dead-letter series. */
  readonly kafka?: KafkaBacklog;
  readonly logger: Logger;
}

interface LagSnapshot {
  readonly projections: ReadonlyArray<{ projection: string; events: number; seconds: number }>;
  readonly relays: ReadonlyArray<{ relay: string; events: number; seconds: number }>;
  readonly kafka?: {
    readonly consumers: ReadonlyArray<{ group: string; topic: string; messages: number }>;
    readonly deadLetters: ReadonlyArray<{ topic: string; messages: number; everWritten: number }>;
  };
}

/**
 * The platform's backlogs, read at each scrape from where they are recorded — checkpoints in the
 * database, offsets in Kafka — so one process (the DR orchestrator) reports them for every service,
 * whichever processes run the projections and relays:
 * `frm_projection_lag_events|seconds{projection}`, `frm_relay_lag_events|seconds{relay}`,
 * `frm_kafka_consumer_lag_messages{group,topic}`, `frm_dead_letter_messages{topic}` (held) and
 * `frm_dead_letter_messages_total{topic}` (ever sent), and
 * `frm_kafka_backlog_up` (0 while Kafka does not answer, so that silence is not read as no lag).
 */
export function registerPlatformLagMetrics(registry: Registry, sources: PlatformLagSources): void {
  // Every gauge of a scrape reads one snapshot.
  let latest: { at: number; snapshot: Promise<LagSnapshot> } | undefined;
  const current = () => {
    if (!latest || Date.now() - latest.at > 1_000) latest = { at: Date.now(), snapshot: readSnapshot(sources) };
    return latest.snapshot;
  };
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[], fill: (gauge: Gauge<L>, snapshot: LagSnapshot) => void) =>
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const snapshot = await current();
        this.reset();
        fill(this, snapshot);
      },
    });
  gauge('frm_projection_lag_events', 'Events appended but not yet applied to the projection (approximate)', ['projection'], (g, s) => {
    for (const p of s.projections) g.set({ projection: p.projection }, p.events);
  });
  gauge('frm_projection_lag_seconds', 'How long the oldest event not yet applied to the projection has waited; 0 when caught up', ['projection'], (g, s) => {
    for (const p of s.projections) g.set({ projection: p.projection }, p.seconds);
  });
  gauge('frm_relay_lag_events', 'Events appended but not yet acknowledged by Kafka through the relay (approximate)', ['relay'], (g, s) => {
    for (const r of s.relays) g.set({ relay: r.relay }, r.events);
  });
  gauge('frm_relay_lag_seconds', 'How long the oldest event not yet relayed to Kafka has waited; 0 when caught up', ['relay'], (g, s) => {
    for (const r of s.relays) g.set({ relay: r.relay }, r.seconds);
  });
  if (!sources.kafka) return;
  gauge('frm_kafka_backlog_up', '1 when Kafka answered the last backlog read, 0 when it did not', [], (g, s) => g.set(s.kafka ? 1 : 0));
  gauge('frm_kafka_consumer_lag_messages', 'Messages on the topic not yet committed by the consumer group', ['group', 'topic'], (g, s) => {
    for (const c of s.kafka?.consumers ?? []) g.set({ group: c.group, topic: c.topic }, c.messages);
  });
  gauge('frm_dead_letter_messages', 'Messages held in the dead-letter topic', ['topic'], (g, s) => {
    for (const d of s.kafka?.deadLetters ?? []) g.set({ topic: d.topic }, d.messages);
  });
  // Kafka's log end offset of the topic only grows, so it serves as the counter the alerts take increase() of.
  new Counter<'topic'>({
    name: 'frm_dead_letter_messages_total',
    help: 'Messages ever sent to the dead-letter topic (its log end offset)',
    labelNames: ['topic'],
    registers: [registry],
    async collect() {
      const snapshot = await current();
      this.reset();
      for (const d of snapshot.kafka?.deadLetters ?? []) this.inc({ topic: d.topic }, d.everWritten);
    },
  });
}

async function readSnapshot(sources: PlatformLagSources): Promise<LagSnapshot> {
  const now = new Date();
  const projections = [];
  for (const projection of sources.catalogue.list()) {
    const health = await projectionHealth(sources.db, sources.eventStore, projection, sources.catalogue.liveSchemaOf(projection.name), now);
    // A projection no process has built yet has no lag to speak of (its service is not deployed).
    if (health.state !== 'not-built') projections.push({ projection: health.projection, events: health.lag, seconds: health.lagSeconds });
  }
  const head = await sources.eventStore.headPosition();
  const relays = [];
  for (const [relay, checkpoint] of await sources.relayCheckpoints.list()) {
    const events = Number(lagBetween(checkpoint, head));
    relays.push({ relay, events, seconds: events === 0 ? 0 : await secondsWaitingAfter(sources.eventStore, checkpoint, now) });
  }
  return { projections, relays, ...(sources.kafka ? { kafka: await readKafka(sources.kafka, sources.logger) } : {}) };
}

async function readKafka(kafka: KafkaBacklog, logger: Logger): Promise<LagSnapshot['kafka']> {
  try {
    return { consumers: await kafka.consumerLag(), deadLetters: await kafka.deadLetterBacklogs() };
  } catch (error) {
    logger.warn({ err: error }, 'reading the consumer lag and dead letters from Kafka failed; frm_kafka_backlog_up is 0 until it answers');
    return undefined;
  }
}
