/** Kafka could not be started, or did not answer; the one-line message names the cause and the fix. */
export class KafkaUnavailableError extends Error {
  override readonly name = 'KafkaUnavailableError';
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
  }
}
