import { CompressionTypes, Partitioners, type Producer, type ProducerConfig, type RecordMetadata, type RetryOptions, type TopicMessages } from 'kafkajs';
import { createKafkaClient, type KafkaClientOptions } from './kafka-client';
import { waitForBroker } from './wait-for-broker';

export interface EventProducerOptions extends KafkaClientOptions {
  /** GZIP costs CPU on both ends for less network; off by default (events are small protobufs). */
  readonly compression?: 'none' | 'gzip';
  /** How long `open` waits for a broker to answer (default 30 s). */
  readonly connectTimeoutMs?: number;
  /** Attempts within one `sendBatch` (default {@link eventSendRetry}). */
  readonly sendRetry?: RetryOptions;
}

/**
 * Attempts within one send: a few seconds. Callers retry a failed batch unchanged, for as long as
 * it takes, which an idempotent producer turns into no duplicates; bounded attempts are what lets
 * them report the failure, back off and stop cleanly meanwhile.
 */
export const eventSendRetry: RetryOptions = { retries: 5, initialRetryTime: 100, maxRetryTime: 2_000, multiplier: 2, factor: 0.2 };

/**
 * The producer settings for events: idempotent (the broker drops a retried batch it already has),
 * one request in flight per broker (so a retry cannot overtake the batch after it), the
 * Java-compatible partitioner (Java clients put a key on the same partition), and no topic
 * auto-creation (a missing topic would get the broker's default partition count).
 */
export function eventProducerConfig(sendRetry: RetryOptions = eventSendRetry): ProducerConfig {
  return {
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
    retry: sendRetry,
  };
}

export function compressionOf(compression: EventProducerOptions['compression']): CompressionTypes {
  return compression === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None;
}

/** A connected producer for events: every batch acknowledged by all in-sync replicas (`acks: -1`). */
export class EventProducer {
  private constructor(
    /** The kafkajs producer, for what this class does not cover; it was made with {@link eventProducerConfig}. */
    readonly producer: Producer,
    private readonly compression: CompressionTypes,
  ) {}

  /**
   * Waits for a broker, then connects (which also obtains the producer id). Throws
   * {@link KafkaUnreachableError} with one line naming the address when no broker answers.
   */
  static async open(options: EventProducerOptions): Promise<EventProducer> {
    await waitForBroker({ brokers: options.brokers, timeoutMs: options.connectTimeoutMs });
    const producer = createKafkaClient(options).producer(eventProducerConfig(options.sendRetry));
    await producer.connect();
    return new EventProducer(producer, compressionOf(options.compression));
  }

  /** Resolves once every message is acknowledged; rejects when an attempt within {@link eventSendRetry} did not succeed. */
  sendBatch(topicMessages: TopicMessages[]): Promise<RecordMetadata[]> {
    return this.producer.sendBatch({ topicMessages, acks: -1, compression: this.compression });
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }
}
