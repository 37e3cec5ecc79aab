import type { KafkaCoordinates } from './consumed-event';

/** A Kafka message that is not an event this build can read (a poison message); it goes to the dead-letter topic. */
export class UndecodableMessageError extends Error {
  override readonly name = 'UndecodableMessageError';
  constructor(
    readonly at: KafkaCoordinates,
    readonly reason: string,
    override readonly cause?: unknown,
  ) {
    super(`The message at ${at.topic}[${at.partition}]@${at.offset} is not a readable event: ${reason}`);
  }
}
