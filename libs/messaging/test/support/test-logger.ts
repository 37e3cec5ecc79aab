import { createLogger, type Logger, type LogLevel } from '@frm/logging';

/** Silent unless FRM_TEST_LOG_LEVEL asks for lines (e.g. `warn` when a test misbehaves). */
export function testLogger(service = 'messaging-test'): Logger {
  return createLogger({ service, level: (process.env['FRM_TEST_LOG_LEVEL'] as LogLevel | undefined) ?? 'silent' });
}
