import type { Message } from 'kafkajs';
import type { Logger } from '@frm/logging';
import { EventProducer, type EventProducerOptions } from '../kafka/event-producer';
import { needsFreshProducer } from '../kafka/producer-faults';
import type { BackoffPolicy } from '../retry/backoff';
import { untilDone } from '../retry/until-done';
import { toDeadLetterMessage, type DeadLetter } from './dead-letter';

export interface DeadLetterPublisherOptions {
  readonly logger: Logger;
  readonly retry?: BackoffPolicy;
}

/** Sends the messages consumers give up on to their dead-letter topics, retrying until Kafka has them. */
export class DeadLetterPublisher {
  private constructor(
    private readonly kafka: EventProducerOptions,
    private readonly options: DeadLetterPublisherOptions,
    private producer: EventProducer | undefined,
  ) {}

  /** Connects its producer; throws KafkaUnreachableError when no broker answers. */
  static async open(kafka: EventProducerOptions, options: DeadLetterPublisherOptions): Promise<DeadLetterPublisher> {
    return new DeadLetterPublisher(kafka, options, await EventProducer.open(kafka));
  }

  /**
   * Resolves once Kafka acknowledged every letter, in one batch; rejects with StopRequested only
   * when `signal` fires first, and then the letters must be treated as not sent.
   */
  async publish(letters: readonly DeadLetter[], signal: AbortSignal): Promise<void> {
    if (letters.length === 0) return;
    const byTopic = new Map<string, Message[]>();
    for (const letter of letters) {
      const { topic, message } = toDeadLetterMessage(letter);
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), message]);
    }
    const topicMessages = [...byTopic].map(([topic, messages]) => ({ topic, messages }));
    await untilDone(
      async () => {
        this.producer ??= await EventProducer.open(this.kafka);
        await this.producer.sendBatch(topicMessages);
      },
      {
        signal,
        backoff: this.options.retry,
        onFailure: async (error, failures, delayMs) => {
          if (needsFreshProducer(error)) await this.close();
          this.options.logger.warn(
            { topics: [...byTopic.keys()], attempt: failures, delayMs, err: error },
            `Sending ${letters.length} dead letter(s) failed; retrying in ${delayMs} ms`,
          );
        },
      },
    );
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }
}
