import { Logger } from '@nestjs/common';
import { LogCapture } from '../test/log-capture';
import { createLogger } from './create-logger';
import { NestPinoLogger } from './nest-pino-logger';

describe('NestPinoLogger', () => {
  let capture: LogCapture;

  beforeEach(() => {
    capture = new LogCapture();
    Logger.overrideLogger(new NestPinoLogger(createLogger({ service: 'gateway', level: 'trace', destination: capture })));
  });

  afterAll(() => Logger.overrideLogger(false));

  it("writes Nest's logs through pino with Nest's context", () => {
    new Logger('RoutesResolver').log('Mapped {/frm.v1.Intake/Submit}');

    expect(capture.lines).toEqual([
      expect.objectContaining({ service: 'gateway', level: 'info', context: 'RoutesResolver', msg: 'Mapped {/frm.v1.Intake/Submit}' }),
    ]);
  });

  it('maps every Nest level to a pino level', () => {
    const logger = new Logger('Levels');
    logger.verbose('v');
    logger.debug('d');
    logger.warn('w');
    logger.fatal('f');

    expect(capture.lines.map((line) => line['level'])).toEqual(['trace', 'debug', 'warn', 'fatal']);
  });

  it('keeps the stack Nest passes with an error, and serialises an Error message', () => {
    const failure = new Error('boom');
    new Logger('ExceptionHandler').error('request failed', failure.stack);
    new Logger('RpcExceptionsHandler').error(failure);

    const [withStack, withError] = capture.lines;
    expect(withStack).toMatchObject({ level: 'error', context: 'ExceptionHandler', msg: 'request failed' });
    expect(withStack?.['stack']).toContain('Error: boom');
    expect(withError).toMatchObject({ context: 'RpcExceptionsHandler', msg: 'boom', err: { type: 'Error', message: 'boom' } });
  });

  it('logs an object message as detail, redacted like any other', () => {
    new Logger('Ctx').log({ email: 'ana@example.com', step: 2 });

    expect(capture.text).not.toContain('ana@example.com');
    expect(capture.lines[0]).toMatchObject({ context: 'Ctx', detail: { email: '[redacted]', step: 2 } });
  });
});
