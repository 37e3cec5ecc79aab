import { logLevel, type LogEntry, type logCreator } from 'kafkajs';
import type { Logger } from '@frm/logging';

// kafkajs says this whenever an idempotent producer's retries are bounded. The producers made here
// bound them on purpose: a batch that fails is resent unchanged (same sequence numbers) by the relay
// or the dead-letter publisher, never skipped, which is what keeps the guarantee intact.
const EXPECTED_WARNINGS = ['Limiting retries for the idempotent producer may invalidate EoS guarantees'];

/** The kafkajs log level that lets through everything `logger` would write. */
export function kafkaLogLevelFor(logger: Logger): logLevel {
  switch (logger.level) {
    case 'silent':
      return logLevel.NOTHING;
    case 'fatal':
    case 'error':
      return logLevel.ERROR;
    case 'warn':
      return logLevel.WARN;
    case 'info':
      return logLevel.INFO;
    default:
      return logLevel.DEBUG;
  }
}

/**
 * Sends kafkajs's log lines to the service's pino logger. kafkajs logs every failed attempt of
 * something it then retries as an error; those become warnings here, since a failure that really
 * matters reaches the caller as a rejected promise and is logged there as an error.
 */
export function kafkaLogBridge(logger: Logger): logCreator {
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, timestamp: _timestamp, logger: _name, ...details } = log as LogEntry['log'] & { logger?: string };
      if (level === logLevel.WARN && EXPECTED_WARNINGS.includes(message)) return;
      const line = { kafkajs: namespace, ...details };
      switch (level) {
        case logLevel.ERROR:
        case logLevel.WARN:
          return logger.warn(line, message);
        case logLevel.INFO:
          return logger.info(line, message);
        default:
          return logger.debug(line, message);
      }
    };
}
