import { hostname } from 'node:os';
import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import { createPiiRedactor } from './redact-pii';
import { currentRequestContext } from './request-context';

export type { Logger } from 'pino';

/** pino's levels, plus `silent` for none. */
export type LogLevel = Level | 'silent';

export interface LoggerOptions {
  /** Written on every line as `service`. */
  readonly service: string;
  /** Lowest level written; `info` when not given. */
  readonly level?: LogLevel;
  /** Where the JSON lines go; standard output when not given (tests pass a capture). */
  readonly destination?: DestinationStream;
  /** Keys to redact besides {@link SENSITIVE_KEYS}. */
  readonly redactKeys?: readonly string[];
}

/**
 * The one logger: pino writing one JSON object a line, with `service`, an ISO `time`, the level by
 * name, the ids of the {@link RequestContext} entered at the time of the call, and every sensitive
 * key's value redacted at any depth, in the logged object and in child bindings alike.
 */
export function createLogger(options: LoggerOptions): Logger {
  const redact = createPiiRedactor(options.redactKeys);
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service, pid: process.pid, hostname: hostname() },
      timestamp: pino.stdTimeFunctions.isoTime,
      // The redactor has already serialised errors; pino's own serialiser would do it again and
      // call every one of them an "Object".
      serializers: { err: (value: unknown) => (value instanceof Error ? pino.stdSerializers.err(value) : value) },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redact(object) as Record<string, unknown>,
      },
      // A fresh object each time: pino merges the logged object into it.
      mixin: () => ({ ...currentRequestContext() }),
    },
    // Synchronous, so that the lines written just before a crash are not lost with it.
    options.destination ?? pino.destination({ fd: 1, sync: true }),
  );
  redactBindingsOf(logger, redact);
  return logger;
}

/**
 * pino passes child bindings through no formatter, so `child` and `setBindings` are wrapped here;
 * children are made with `Object.create(parent)`, so they and their own children inherit the
 * wrappers.
 */
function redactBindingsOf(logger: Logger, redact: (value: unknown) => unknown): void {
  // pino's generic signatures cannot be restated for a wrapper; the shape used here is all there is.
  const wrappable = logger as unknown as Record<'child' | 'setBindings', (...args: unknown[]) => unknown>;
  const { child, setBindings } = wrappable;
  wrappable.child = function (this: unknown, bindings: unknown, options: unknown) {
    return Reflect.apply(child, this, [redact(bindings), options]);
  };
  wrappable.setBindings = function (this: unknown, bindings: unknown) {
    return Reflect.apply(setBindings, this, [redact(bindings)]);
  };
}
