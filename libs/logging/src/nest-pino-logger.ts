import type { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';

// A string of this shape in Nest's optional parameters is a stack, not a message (Nest's own test).
const STACK = /^.+\n\s+at .+:\d+:\d+/;

/**
 * Lets NestJS write its own logs through pino: `NestFactory.create…(module, { logger: new
 * NestPinoLogger(logger) })`. Nest's context (`new Logger('RoutesResolver')`) becomes the
 * `context` field; `verbose` maps to pino's `trace`. Levels are pino's, so `setLogLevels` is ignored.
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.write('info', message, optionalParams);
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.write('error', message, optionalParams);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.write('warn', message, optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.write('debug', message, optionalParams);
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.write('trace', message, optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.write('fatal', message, optionalParams);
  }

  private write(level: Level, message: unknown, optionalParams: readonly unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const params = [...optionalParams];
    // Nest appends the context last, and passes `undefined` where an error has no stack.
    const context = params.length > 0 && typeof params.at(-1) === 'string' ? (params.pop() as string) : undefined;
    const stackIndex = params.findIndex((param) => typeof param === 'string' && STACK.test(param));
    const stack = stackIndex >= 0 ? (params.splice(stackIndex, 1)[0] as string) : undefined;
    const extra = params.filter((param) => param !== undefined);

    const fields: Record<string, unknown> = { context };
    if (stack !== undefined) fields['stack'] = stack;
    if (extra.length > 0) fields['params'] = extra;
    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'string') {
      this.logger[level](fields, message);
    } else {
      this.logger[level]({ ...fields, detail: message });
    }
  }
}
