/** No Kafka broker answered at start-up; the one-line message names the address, the cause and the fix. */
export class KafkaUnreachableError extends Error {
  override readonly name = 'KafkaUnreachableError';
  constructor(
    readonly brokers: readonly string[],
    readonly timeoutMs: number,
    readonly reason: string,
    override readonly cause?: unknown,
  ) {
    super(
      `Kafka did not answer on ${brokers.join(',')} within ${Math.round(timeoutMs / 1000)} s (${reason}); is it running? ` +
        `Check FRM_KAFKA_BROKERS, or start a local broker with "npm run kafka:start" and set FRM_KAFKA_BROKERS to the address it prints`,
    );
  }
}
