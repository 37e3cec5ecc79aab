import type { Batch, Consumer, ConsumerConfig, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { loadEventSchemaRegistry, type EventSchemaRegistry } from '@frm/contracts';
import { createLogger, type Logger } from '@frm/logging';
import { inSpan, SpanKind } from '@frm/tracing';
import type { SqlDatabase, SqlQueryable } from '@frm/postgres';
import type { ConsumedEvent } from '../events/consumed-event';
import { decodeEventMessage } from '../events/decode-event-message';
import type { EventProducerOptions } from '../kafka/event-producer';
import { createKafkaClient, type KafkaClientOptions } from '../kafka/kafka-client';
import { assertTopicsExist, ensureTopics, type TopicSettings } from '../kafka/topics';
import { waitForBroker } from '../kafka/wait-for-broker';
import { backoffDelayMs, pause, type BackoffPolicy } from '../retry/backoff';
import { StopRequested } from '../retry/until-done';
import type { ConsumerState, ConsumerStatus } from './consumer-status';
import { deadLetterTopicOf, type DeadLetter } from './dead-letter';
import { DeadLetterPublisher } from './dead-letter-publisher';
import { ProcessedEvents } from './processed-events';

/** Does a consumer's work for one event through `tx`, the transaction that also records the event id. */
export type EventHandler = (event: ConsumedEvent, tx: SqlQueryable) => Promise<void>;

export interface IdempotentConsumerOptions {
  /** Names the consumer in `processed_events` and dead letters; the consumer group too unless `groupId` is given. */
  name: string;
  kafka: KafkaClientOptions & Pick<EventProducerOptions, 'compression' | 'connectTimeoutMs' | 'sendRetry'>;
  topics: readonly string[];
  groupId?: string;
  /** Where a new consumer group starts: the oldest message (default) or only new ones. */
  fromBeginning?: boolean;
  /** Holds `processed_events` and whatever the handler writes. */
  db: SqlDatabase;
  /** Schema of the `processed_events` table; the connection's search path when not given. */
  schema?: string;
  /**
   * The work, done through `tx` only: anything else it does may happen again on a redelivery or a
   * retry. An error rolls the transaction back and is retried.
   */
  handle: EventHandler;
  /** Decodes protobuf data (default: the contracts this build was generated from). */
  registry?: Pick<EventSchemaRegistry, 'fromBinary'>;
  /** Attempts at one failing message before it goes to the dead-letter topic (default 5). */
  maxAttempts?: number;
  /** Waits between attempts at a failing message, and at sending dead letters. */
  retry?: BackoffPolicy;
  /** Creates the missing `<topic>.dlq` topics at start with these settings (default 1 partition); `false`: they must exist. */
  createDeadLetterTopics?: TopicSettings | false;
  /** kafkajs consumer settings (session timeout, fetch sizes…). */
  consumerConfig?: Omit<ConsumerConfig, 'groupId'>;
  logger?: Logger;
}

interface Delivery {
  message: KafkaMessage;
  event: ConsumedEvent;
}

/**
 * Consumes events so that each one's work is done once: the work and the record of the event id
 * commit in one Postgres transaction (a redelivered id is skipped), and the Kafka offset is
 * committed only after that. A fetched batch is handled in one transaction; when that fails, its
 * messages are retried one by one with backoff, and a message that fails `maxAttempts` times while
 * the database answers goes to `<topic>.dlq` with the error, then the consumer moves on. Messages
 * that are not readable events go there at once.
 */
export class IdempotentConsumer {
  readonly name: string;
  readonly groupId: string;
  private readonly processed: ProcessedEvents;
  private readonly registry: Pick<EventSchemaRegistry, 'fromBinary'>;
  private readonly logger: Logger;
  private readonly kafka: IdempotentConsumerOptions['kafka'];
  private readonly maxAttempts: number;
  private state: ConsumerState = 'stopped';
  private consumer: Consumer | undefined;
  private deadLetters: DeadLetterPublisher | undefined;
  private controller = new AbortController();
  private counts = { handled: 0, duplicates: 0, deadLettered: 0 };
  private lastError: unknown;

  constructor(private readonly options: IdempotentConsumerOptions) {
    if (!options.name) throw new RangeError('An idempotent consumer needs a name: it keys the event ids it has handled');
    if (options.topics.length === 0) throw new RangeError(`Consumer ${options.name} was given no topics to consume`);
    this.name = options.name;
    this.groupId = options.groupId ?? options.name;
    this.processed = new ProcessedEvents(options.schema);
    this.registry = options.registry ?? loadEventSchemaRegistry();
    this.logger = options.logger ?? createLogger({ service: `consumer-${options.name}` });
    this.kafka = { ...options.kafka, logger: options.kafka.logger ?? this.logger };
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  }

  /**
   * Creates `processed_events` and the dead-letter topics, joins the consumer group and starts
   * consuming in the background. Rejects with KafkaUnreachableError or TopicMissingError when
   * Kafka is not ready for it.
   */
  async start(): Promise<void> {
    if (this.consumer) return;
    this.state = 'starting';
    this.controller = new AbortController();
    try {
      await this.processed.install(this.options.db);
      await waitForBroker({ brokers: this.kafka.brokers, timeoutMs: this.kafka.connectTimeoutMs });
      const deadLetterTopics = this.options.topics.map(deadLetterTopicOf);
      if (this.options.createDeadLetterTopics === false) await assertTopicsExist(this.kafka, deadLetterTopics);
      else await ensureTopics(this.kafka, deadLetterTopics, this.options.createDeadLetterTopics ?? { numPartitions: 1 });
      this.deadLetters = await DeadLetterPublisher.open(this.kafka, { logger: this.logger, retry: this.options.retry });
      const consumer = createKafkaClient(this.kafka).consumer({
        allowAutoTopicCreation: false,
        ...this.options.consumerConfig,
        groupId: this.groupId,
      });
      this.consumer = consumer;
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        this.lastError = payload.error;
        this.logger.error({ consumer: this.name, err: payload.error, restart: payload.restart }, `Consumer ${this.name} crashed`);
      });
      await consumer.connect();
      await consumer.subscribe({ topics: [...this.options.topics], fromBeginning: this.options.fromBeginning ?? true });
      const signal = this.controller.signal;
      await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: (payload) => this.consumeBatch(payload, signal) });
      this.state = 'running';
    } catch (error) {
      this.lastError = error;
      await this.stop();
      throw error;
    }
  }

  /** Leaves the group after the batch in hand; work done but not yet committed to Kafka is simply redelivered later. */
  async stop(): Promise<void> {
    this.controller.abort();
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect().catch(() => undefined);
    await this.deadLetters?.close();
    this.deadLetters = undefined;
    this.state = 'stopped';
  }

  status(): ConsumerStatus {
    return {
      consumer: this.name,
      groupId: this.groupId,
      state: this.state,
      ...this.counts,
      lastError: this.lastError === undefined ? undefined : messageOf(this.lastError),
    };
  }

  private async consumeBatch(payload: EachBatchPayload, signal: AbortSignal): Promise<void> {
    const { batch } = payload;
    if (batch.isEmpty()) return;
    const letters: DeadLetter[] = [];
    const deliveries: Delivery[] = [];
    for (const message of batch.messages) {
      try {
        deliveries.push({ message, event: decodeEventMessage(message, batch, this.registry) });
      } catch (error) {
        letters.push(this.deadLetter(batch, message, error, 0));
      }
    }
    const finished = await this.handleAll(deliveries, letters, payload, signal);
    if (!finished) return;
    try {
      await this.deadLetters?.publish(letters, signal);
    } catch (error) {
      if (error instanceof StopRequested) return;
      throw error;
    }
    // Only now is every message of the batch handled, skipped or dead-lettered, durably.
    payload.resolveOffset(batch.lastOffset());
    await payload.commitOffsetsIfNecessary({
      topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: (BigInt(batch.lastOffset()) + 1n).toString() }] }],
    });
    this.counts.deadLettered += letters.length;
    this.state = 'running';
    this.lastError = undefined;
  }

  /** `false` when stopping left some message unhandled. */
  private async handleAll(deliveries: Delivery[], letters: DeadLetter[], payload: EachBatchPayload, signal: AbortSignal): Promise<boolean> {
    if (deliveries.length === 0) return true;
    try {
      await this.handleInOneTransaction(deliveries.map((delivery) => delivery.event));
      return true;
    } catch (error) {
      this.logger.debug({ consumer: this.name, err: error }, `Consumer ${this.name}: a batch failed; handling its messages one by one`);
    }
    for (const delivery of deliveries) {
      const outcome = await this.handleAlone(delivery, payload, signal);
      if (outcome === 'stopped') return false;
      if (outcome !== 'handled') letters.push(outcome);
    }
    return true;
  }

  private async handleAlone(delivery: Delivery, payload: EachBatchPayload, signal: AbortSignal): Promise<'handled' | 'stopped' | DeadLetter> {
    for (let attempt = 1; ; attempt++) {
      if (signal.aborted || !payload.isRunning() || payload.isStale()) return 'stopped';
      try {
        await this.handleInOneTransaction([delivery.event]);
        return 'handled';
      } catch (error) {
        this.state = 'retrying';
        this.lastError = error;
        const { event } = delivery;
        if (attempt >= this.maxAttempts) {
          // A database that does not answer is not the message's fault: wait for it instead.
          if (await this.databaseAnswers()) return this.deadLetter(payload.batch, delivery.message, error, attempt);
        }
        const delayMs = backoffDelayMs(Math.min(attempt, this.maxAttempts), this.options.retry);
        this.logger.warn(
          { consumer: this.name, eventId: event.id, eventType: event.type, attempt, delayMs, err: error },
          `Consumer ${this.name}: handling event ${event.id} (${event.type}) failed (${messageOf(error)}); retrying in ${delayMs} ms`,
        );
        await payload.heartbeat();
        await pause(delayMs, signal);
      }
    }
  }

  private async handleInOneTransaction(events: readonly ConsumedEvent[]): Promise<void> {
    const handled = await this.options.db.transaction(async (tx) => {
      const fresh = await this.processed.claim(tx, this.name, events.map((event) => event.id));
      let count = 0;
      for (const event of events) {
        // `delete` also skips a second copy of one event within the batch.
        if (!fresh.delete(event.id)) continue;
        // Each event is handled in a consumer span of the trace that caused it (the relay put its traceparent on the message).
        await inSpan(
          `${event.kafka.topic} process`,
          {
            kind: SpanKind.CONSUMER,
            ...(event.traceparent ? { traceparent: event.traceparent } : {}),
            attributes: { 'messaging.system': 'kafka', 'messaging.consumer.group.name': this.groupId, 'messaging.message.id': event.id, 'frm.event_type': event.type },
          },
          () => this.options.handle(event, tx),
        );
        count += 1;
      }
      return count;
    });
    this.counts.handled += handled;
    this.counts.duplicates += events.length - handled;
  }

  private async databaseAnswers(): Promise<boolean> {
    return this.options.db.query('select 1').then(
      () => true,
      () => false,
    );
  }

  private deadLetter(batch: Batch, message: KafkaMessage, error: unknown, attempts: number): DeadLetter {
    this.logger.error(
      { consumer: this.name, topic: batch.topic, partition: batch.partition, offset: message.offset, attempts, err: error },
      `Consumer ${this.name}: giving up on ${batch.topic}[${batch.partition}]@${message.offset} (${messageOf(error)}); sending it to ${deadLetterTopicOf(batch.topic)}`,
    );
    return { topic: batch.topic, partition: batch.partition, message, error, attempts, consumer: this.name, failedAt: new Date() };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
