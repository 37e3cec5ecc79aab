import type { IHeaders, KafkaMessage, Message } from 'kafkajs';

/** A message a consumer gives up on, with why. */
export interface DeadLetter {
  readonly topic: string;
  readonly partition: number;
  readonly message: Pick<KafkaMessage, 'key' | 'value' | 'headers' | 'offset'>;
  readonly error: unknown;
  /** How many times handling it was tried (0 when it could not even be decoded). */
  readonly attempts: number;
  /** The consumer that gave up on it. */
  readonly consumer: string;
  readonly failedAt: Date;
}

/** Headers added to a dead letter, next to the original message's own. */
export const DeadLetterHeaders = {
  errorMessage: 'frm-dlq-error-message',
  errorType: 'frm-dlq-error-type',
  attempts: 'frm-dlq-attempts',
  originalTopic: 'frm-dlq-original-topic',
  originalPartition: 'frm-dlq-original-partition',
  originalOffset: 'frm-dlq-original-offset',
  consumer: 'frm-dlq-consumer',
  failedAt: 'frm-dlq-failed-at',
} as const;

const MAX_ERROR_MESSAGE_LENGTH = 1_000;

/** `<topic>.dlq`: where the consumers of `topic` put the messages they give up on. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}

/**
 * The dead-letter message: the original key, value and headers untouched (so that it can be sent
 * back to its topic once the cause is fixed), plus headers saying what failed, where and how often.
 */
export function toDeadLetterMessage(letter: DeadLetter): { topic: string; message: Message } {
  const error = letter.error;
  const headers: IHeaders = {
    ...letter.message.headers,
    [DeadLetterHeaders.errorMessage]: oneLine(error instanceof Error ? error.message : String(error)),
    [DeadLetterHeaders.errorType]: error instanceof Error ? error.name : typeof error,
    [DeadLetterHeaders.attempts]: String(letter.attempts),
    [DeadLetterHeaders.originalTopic]: letter.topic,
    [DeadLetterHeaders.originalPartition]: String(letter.partition),
    [DeadLetterHeaders.originalOffset]: letter.message.offset,
    [DeadLetterHeaders.consumer]: letter.consumer,
    [DeadLetterHeaders.failedAt]: letter.failedAt.toISOString(),
  };
  return {
    topic: deadLetterTopicOf(letter.topic),
    message: { key: letter.message.key, value: letter.message.value, headers },
  };
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_ERROR_MESSAGE_LENGTH ? `${flat.slice(0, MAX_ERROR_MESSAGE_LENGTH - 1)}…` : flat;
}
