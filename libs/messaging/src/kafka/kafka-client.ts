import { Kafka, type RetryOptions } from 'kafkajs';
import { createLogger, type Logger } from '@frm/logging';
import { kafkaLogBridge, kafkaLogLevelFor } from './kafka-log-bridge';
// Before any connection: kafkajs's idle connections otherwise wake the process every millisecond.
import './kafkajs-idle-loop-fix';

/** Where Kafka is and how to talk to it; every producer, consumer and admin client here takes these. */
export interface KafkaClientOptions {
  /** Bootstrap servers, `host:port` (FRM_KAFKA_BROKERS). */
  readonly brokers: readonly string[];
  /** Names this process in broker logs and quotas (default `frm`). */
  readonly clientId?: string;
  /** Receives kafkajs's log lines; a `warn`-level logger named after the client when not given. */
  readonly logger?: Logger;
  /** Per connection attempt (default 3 s). */
  readonly connectionTimeoutMs?: number;
  /** Per request (default 30 s). */
  readonly requestTimeoutMs?: number;
  /** Reconnects and metadata requests (default {@link kafkaClientRetry}). */
  readonly retry?: RetryOptions;
}

/**
 * Retries of connections and metadata requests: about 35 s, which outlasts a broker restart. Set
 * explicitly because kafkajs silently cuts its defaults to about 10 s when NODE_ENV is `test`.
 */
export const kafkaClientRetry: RetryOptions = {
  retries: 10,
  initialRetryTime: 300,
  maxRetryTime: 5_000,
  multiplier: 2,
  factor: 0.2,
};

/** A kafkajs client (it opens no connection by itself) logging through pino. */
export function createKafkaClient(options: KafkaClientOptions): Kafka {
  const clientId = options.clientId ?? 'frm';
  const logger = options.logger ?? createLogger({ service: clientId, level: 'warn' });
  return new Kafka({
    clientId,
    brokers: [...options.brokers],
    connectionTimeout: options.connectionTimeoutMs ?? 3_000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    retry: options.retry ?? kafkaClientRetry,
    logLevel: kafkaLogLevelFor(logger),
    logCreator: kafkaLogBridge(logger),
  });
}
