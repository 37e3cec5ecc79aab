import type { TopicMessages } from 'kafkajs';
import { loadEventSchemaRegistry, type EventSchemaRegistry } from '@frm/contracts';
import { START, formatPosition, lagBetween, type EventStore, type Position } from '@frm/event-store';
import { createLogger, type Logger } from '@frm/logging';
import type { SqlDatabase } from '@frm/postgres';
import { toTopicMessages, type EventMessageOptions } from '../events/event-message';
import { assertValidRoutes, frmEventRoutes, routedEventsFilter, topicsOf, type EventRoute } from '../events/event-routes';
import { UnpublishableEventError } from '../events/unpublishable-event.error';
import { EventProducer, type EventProducerOptions } from '../kafka/event-producer';
import type { KafkaClientOptions } from '../kafka/kafka-client';
import { needsFreshProducer } from '../kafka/producer-faults';
import { assertTopicsExist, ensureTopics, type TopicSettings } from '../kafka/topics';
import { waitForBroker } from '../kafka/wait-for-broker';
import { backoffDelayMs, pause, type BackoffPolicy } from '../retry/backoff';
import { StopRequested, untilDone } from '../retry/until-done';
import { RelayCheckpoints } from './relay-checkpoints';
import type { PublishedBatch, RelayState, RelayStatus } from './relay-status';

export interface EventRelayOptions {
  /** Names the checkpoint. Run one relay per name: a second one of the same name only adds duplicates. */
  name: string;
  eventStore: EventStore;
  /** Holds the checkpoint; it need not be the event store's database. */
  checkpointDb: SqlDatabase;
  /** Schema of the `relay_checkpoints` table; the connection's search path when not given. */
  checkpointSchema?: string;
  kafka: KafkaClientOptions & Pick<EventProducerOptions, 'compression' | 'connectTimeoutMs' | 'sendRetry'>;
  /** Which events go to which topic, keyed how (default {@link frmEventRoutes}); events without a route are not published. */
  routes?: readonly EventRoute[];
  /** Encodes event data as protobuf (default: the contracts this build was generated from). */
  registry?: EventSchemaRegistry;
  /** Events per read, and so at most per Kafka batch (default 500). */
  batchSize?: number;
  /** Create the routes' missing topics at start with these settings; when not given, start fails on a missing topic. */
  createTopics?: TopicSettings;
  /** Marks every message as published again (`frm-replay: true`): for a relay that re-publishes from a position. */
  replay?: boolean;
  /** Where a relay without a checkpoint begins (exclusive; default the start of the store). */
  startAfter?: Position;
  /** Waits between attempts at a failed send or checkpoint write. */
  retry?: BackoffPolicy;
  /**
   * Stores the checkpoint at most this often (default 200 ms; 0: after every batch); the newest
   * acknowledged batch's checkpoint is stored at the latest this long after it, and on stop.
   * Each write is a transaction in the event store's database, and under load every transaction
   * there delays when newer events become readable (they wait behind it); a crash republishes at
   * most this much more, which consumers drop by event id.
   */
  checkpointEveryMs?: number;
  logger?: Logger;
  /** Called after each batch is acknowledged by Kafka (its checkpoint is stored within `checkpointEveryMs`). */
  onPublished?(batch: PublishedBatch): void;
}

const DEFAULT_CHECKPOINT_EVERY_MS = 200;

/**
 * Publishes every routed event of the event store to Kafka, in store order: per batch one
 * `sendBatch` acknowledged by all in-sync replicas, and only then the checkpoint. A crash anywhere
 * resumes from the checkpoint, so an event is published at least once; duplicates are possible and
 * consumers drop them by event id. A failed send is retried unchanged with backoff until it
 * succeeds, never skipped; an event that cannot be encoded stops the relay in front of it.
 *
 * While batch N waits for Kafka, batch N+1 is already read and encoded: the two costs overlap, and
 * batches are still sent one after the other, so order per key holds.
 */
export class EventRelay {
  readonly name: string;
  private readonly routes: readonly EventRoute[];
  private readonly messageOptions: EventMessageOptions;
  private readonly checkpoints: RelayCheckpoints;
  private readonly logger: Logger;
  private readonly kafka: EventRelayOptions['kafka'];
  private state: RelayState = 'stopped';
  private controller: AbortController | undefined;
  private starting: Promise<void> | undefined;
  private running: Promise<void> | undefined;
  private producer: EventProducer | undefined;
  private eventsPublished = 0;
  private lastError: unknown;
  /** Acknowledged by Kafka, not yet stored as the checkpoint. */
  private unstored: Position | undefined;
  private storedAt = 0;
  private storeTimer: NodeJS.Timeout | undefined;
  private storing: Promise<void> = Promise.resolve();

  constructor(private readonly options: EventRelayOptions) {
    if (!options.name) throw new RangeError('An event relay needs a name: it keys the relay\'s checkpoint');
    this.name = options.name;
    this.routes = options.routes ?? frmEventRoutes;
    assertValidRoutes(this.routes);
    this.logger = options.logger ?? createLogger({ service: `relay-${options.name}` });
    this.kafka = { ...options.kafka, logger: options.kafka.logger ?? this.logger };
    this.messageOptions = { routes: this.routes, registry: options.registry ?? loadEventSchemaRegistry(), replay: options.replay };
    this.checkpoints = new RelayCheckpoints(options.checkpointDb, options.checkpointSchema);
  }

  /**
   * Creates the checkpoint table, checks (or creates) the topics and connects to Kafka, then
   * publishes in the background from the checkpoint. Rejects with KafkaUnreachableError or
   * TopicMissingError, one line each, when Kafka is not ready for it.
   */
  async start(): Promise<void> {
    if (this.controller) return this.starting;
    const controller = new AbortController();
    this.controller = controller;
    this.state = 'starting';
    this.starting = this.prepare().then(
      () => {
        if (controller.signal.aborted) return;
        this.state = 'running';
        this.running = this.run(controller.signal);
        this.running.catch(() => undefined);
      },
      async (error: unknown) => {
        this.controller = undefined;
        await this.closeProducer();
        this.fail(error);
        throw error;
      },
    );
    return this.starting;
  }

  /** Stops after the batch in hand: a send in progress is acknowledged (and checkpointed) or fails first. */
  async stop(): Promise<void> {
    this.controller?.abort();
    await this.starting?.catch(() => undefined);
    await this.running?.catch(() => undefined);
    await this.closeProducer();
    this.controller = undefined;
    if (this.state !== 'failed') this.state = 'stopped';
  }

  /** Resolves once stopped by {@link stop}; rejects with the error that stopped the relay by itself. */
  get done(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  async status(): Promise<RelayStatus> {
    const [checkpoint, head] = await Promise.all([this.checkpoints.read(this.name), this.options.eventStore.headPosition()]);
    return {
      relay: this.name,
      state: this.state,
      checkpoint,
      head,
      lag: lagBetween(checkpoint, head),
      eventsPublished: this.eventsPublished,
      lastError: this.lastError === undefined ? undefined : messageOf(this.lastError),
    };
  }

  private async prepare(): Promise<void> {
    await this.checkpoints.install();
    await waitForBroker({ brokers: this.kafka.brokers, timeoutMs: this.kafka.connectTimeoutMs });
    const topics = topicsOf(this.routes);
    if (this.options.createTopics) await ensureTopics(this.kafka, topics, this.options.createTopics);
    else await assertTopicsExist(this.kafka, topics);
    // A new producer (a new producer id) each start: sequence numbers of an earlier run never clash.
    this.producer = await EventProducer.open(this.kafka);
  }

  private async run(signal: AbortSignal): Promise<void> {
    try {
      let failures = 0;
      while (!signal.aborted) {
        const publishedBefore = this.eventsPublished;
        try {
          const from = (await this.checkpoints.read(this.name)) ?? this.options.startAfter ?? START;
          this.logger.info({ relay: this.name, after: formatPosition(from) }, `Relay ${this.name} publishing events after ${formatPosition(from)}`);
          await this.follow(from, signal);
        } catch (error) {
          if (signal.aborted) break;
          if (error instanceof UnpublishableEventError) throw error;
          failures = this.eventsPublished > publishedBefore ? 1 : failures + 1;
          await this.backOff('reading the event store', error, failures, signal);
        }
      }
      this.state = 'stopped';
    } catch (error) {
      this.fail(error);
      throw error;
    } finally {
      this.controller = undefined;
      await this.closeProducer();
    }
  }

  private async follow(from: Position, signal: AbortSignal): Promise<void> {
    let inFlight: Promise<void> = Promise.resolve();
    const subscription = this.options.eventStore.subscribeToAll({
      after: from,
      filter: routedEventsFilter(this.routes),
      batchSize: this.options.batchSize ?? 500,
      onBatch: async ({ events, checkpoint }) => {
        const topicMessages = toTopicMessages(events, this.messageOptions);
        await inFlight;
        if (signal.aborted) throw new StopRequested();
        inFlight = this.publish(topicMessages, events.length, checkpoint, signal);
        inFlight.catch(() => undefined);
      },
    });
    const stop = () => void subscription.stop();
    signal.addEventListener('abort', stop, { once: true });
    try {
      if (signal.aborted) stop();
      await subscription.done;
    } catch (error) {
      if (!(error instanceof StopRequested)) throw error;
    } finally {
      signal.removeEventListener('abort', stop);
      // The batch before a failure (or a stop) is still acknowledged and checkpointed.
      await inFlight.catch((error: unknown) => {
        if (!(error instanceof StopRequested)) throw error;
      });
      await this.storeLastCheckpoint();
    }
  }

  private async publish(topicMessages: TopicMessages[], events: number, checkpoint: Position, signal: AbortSignal): Promise<void> {
    if (topicMessages.length > 0) {
      await this.retryUntilDone('sending to Kafka', signal, async () => {
        this.producer ??= await EventProducer.open(this.kafka);
        await this.producer.sendBatch(topicMessages);
      });
    }
    this.unstored = checkpoint;
    const dueInMs = this.storedAt + (this.options.checkpointEveryMs ?? DEFAULT_CHECKPOINT_EVERY_MS) - Date.now();
    if (dueInMs <= 0) await this.storeCheckpoint(signal);
    else this.storeTimer ??= setTimeout(() => void this.storeCheckpoint(signal).catch(() => undefined), dueInMs);
    this.eventsPublished += events;
    this.state = 'running';
    this.lastError = undefined;
    this.options.onPublished?.({ events, checkpoint });
  }

  /** Stores the newest acknowledged checkpoint, one write at a time; never moves it back. */
  private storeCheckpoint(signal: AbortSignal): Promise<void> {
    clearTimeout(this.storeTimer);
    this.storeTimer = undefined;
    const stored = this.storing.then(async () => {
      const position = this.unstored;
      if (!position) return;
      this.unstored = undefined;
      this.storedAt = Date.now();
      await this.retryUntilDone('storing the checkpoint', signal, () => this.checkpoints.advance(this.name, position));
    });
    this.storing = stored.catch(() => undefined);
    return stored;
  }

  /** On the way out: one attempt at the checkpoint still unstored; if it fails, those events are published again. */
  private async storeLastCheckpoint(): Promise<void> {
    clearTimeout(this.storeTimer);
    this.storeTimer = undefined;
    await this.storing;
    const position = this.unstored;
    if (!position) return;
    this.unstored = undefined;
    await this.checkpoints.advance(this.name, position).catch((error: unknown) => {
      this.logger.warn({ relay: this.name, err: error }, `Relay ${this.name}: could not store its last checkpoint (${messageOf(error)}); those events will be published again`);
    });
  }

  private async retryUntilDone(what: string, signal: AbortSignal, attempt: () => Promise<void>): Promise<void> {
    await untilDone(attempt, {
      signal,
      backoff: this.options.retry,
      onFailure: async (error, failures, delayMs) => {
        if (needsFreshProducer(error)) await this.closeProducer();
        this.noteFailure(what, error, failures, delayMs);
      },
    });
  }

  private async backOff(what: string, error: unknown, failures: number, signal: AbortSignal): Promise<void> {
    const delayMs = backoffDelayMs(failures, this.options.retry);
    this.noteFailure(what, error, failures, delayMs);
    await pause(delayMs, signal);
  }

  private noteFailure(what: string, error: unknown, failures: number, delayMs: number): void {
    this.state = 'retrying';
    this.lastError = error;
    this.logger.warn(
      { relay: this.name, attempt: failures, delayMs, err: error },
      `Relay ${this.name}: ${what} failed (${messageOf(error)}); retrying in ${delayMs} ms`,
    );
  }

  private async closeProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }

  private fail(error: unknown): void {
    this.state = 'failed';
    this.lastError = error;
    this.logger.error({ relay: this.name, err: error }, messageOf(error));
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
