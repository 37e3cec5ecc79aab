import type { RetryOptions } from 'kafkajs';

/**
 * Retry settings for every Kafka client the tests create. kafkajs silently shortens its retries to
 * about 10 s when NODE_ENV is 'test' (as under jest), which is shorter than a broker restart; these
 * ride out a restart (about 30 s of retrying) whatever NODE_ENV says.
 */
export const kafkaTestRetry: Required<Pick<RetryOptions, 'retries' | 'initialRetryTime' | 'maxRetryTime' | 'multiplier' | 'factor'>> = {
  retries: 10,
  initialRetryTime: 200,
  maxRetryTime: 5_000,
  multiplier: 2,
  factor: 0.2,
};

// Readiness polling retries in its own loop, with its own deadline.
export const kafkaProbeRetry: RetryOptions = {
  retries: 1,
  initialRetryTime: 100,
  maxRetryTime: 500,
  multiplier: 2,
  factor: 0.2,
};

/**
 * For `producer({ idempotent: true, retry: idempotentProducerRetry })`: an idempotent producer must
 * retry without limit (kafkajs warns that a limit "may invalidate EoS guarantees"), and a producer
 * otherwise inherits the client's limited `kafkaTestRetry`.
 */
export const idempotentProducerRetry: RetryOptions = { ...kafkaTestRetry, retries: Number.MAX_SAFE_INTEGER };
