export { createLogger, type Logger, type LoggerOptions, type LogLevel } from './create-logger';
export { NestPinoLogger } from './nest-pino-logger';
export { createPiiRedactor, REDACTED, SENSITIVE_KEY_ENDINGS, SENSITIVE_KEYS } from './redact-pii';
export { currentRequestContext, runWithRequestContext, type RequestContext } from './request-context';
export { REQUEST_CONTEXT_HEADERS, requestContextFromGrpcMetadata, requestContextHeaders } from './request-context-headers';
export { logStartupFailure } from './log-startup-failure';
