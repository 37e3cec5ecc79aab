import { LogCapture } from '../test/log-capture';
import { createLogger } from './create-logger';
import { runWithRequestContext } from './request-context';

function capturedLogger(level: 'info' | 'debug' = 'info', redactKeys?: readonly string[]) {
  const capture = new LogCapture();
  return { capture, logger: createLogger({ service: 'intake', level, destination: capture, redactKeys }) };
}

describe('createLogger', () => {
  it('writes one JSON object a line with service, level name, ISO time and message', () => {
    const { capture, logger } = capturedLogger();

    logger.info({ requestCount: 3 }, 'feature request submitted');

    expect(capture.text.endsWith('\n')).toBe(true);
    const [line] = capture.lines;
    expect(line).toMatchObject({ service: 'intake', level: 'info', msg: 'feature request submitted', requestCount: 3 });
    expect(new Date(line?.['time'] as string).toISOString()).toBe(line?.['time']);
  });

  it('leaves out lines below its level', () => {
    const { capture, logger } = capturedLogger('info');

    logger.debug('noise');
    logger.warn('kept');

    expect(capture.lines.map((line) => line['msg'])).toEqual(['kept']);
  });

  describe('redaction', () => {
    const plaintext = {
      bearer: 'Bearer eyJhbGciOiJIUzI1NiJ9.payload.signature',
      cookie: 'session=abc123cookie',
      email: 'ana.lopez@example.com',
      name: 'Ana López',
      title: 'Let couples export their guest list',
      description: 'We plan a wedding in Sevilla and need…',
      body: 'My florist never got the notification',
      password: 'correct horse battery staple',
      secret: 'whsec_0123456789',
      accessToken: 'at_9f8e7d',
      recipientEmail: 'pedro@example.com',
    };

    it('removes PII and secrets from the written JSON at any depth, in arrays and in errors', () => {
      const { capture, logger } = capturedLogger();
      const failure = Object.assign(new Error('delivery failed'), { recipientEmail: plaintext.recipientEmail });

      logger.info(
        {
          request: { headers: { Authorization: plaintext.bearer, 'Set-Cookie': plaintext.cookie, 'content-type': 'application/grpc' } },
          voter: { profile: { contact: { primary: { email: plaintext.email } } } },
          couple: { name: plaintext.name },
          featureRequest: { id: 'fr-1', title: plaintext.title, description: plaintext.description },
          comments: [{ id: 'c-1', body: plaintext.body }],
          credentials: { password: plaintext.password, webhook_secret: plaintext.secret, accessToken: plaintext.accessToken },
          err: failure,
        },
        'handled',
      );

      for (const value of Object.values(plaintext)) expect(capture.text).not.toContain(value);
      const [line] = capture.lines;
      expect(line).toMatchObject({
        request: { headers: { Authorization: '[redacted]', 'Set-Cookie': '[redacted]', 'content-type': 'application/grpc' } },
        voter: { profile: { contact: { primary: { email: '[redacted]' } } } },
        featureRequest: { id: 'fr-1', title: '[redacted]', description: '[redacted]' },
        comments: [{ id: 'c-1', body: '[redacted]' }],
        credentials: { password: '[redacted]', webhook_secret: '[redacted]', accessToken: '[redacted]' },
        err: { message: 'delivery failed', recipientEmail: '[redacted]' },
      });
    });

    it('removes them from child bindings, at every generation, and from setBindings', () => {
      const { capture, logger } = capturedLogger();

      const child = logger.child({ email: plaintext.email, subject: { name: plaintext.name } });
      const grandchild = child.child({ token: plaintext.accessToken, component: 'inbox' });
      grandchild.setBindings({ password: plaintext.password });
      grandchild.info('delivered');

      for (const value of Object.values(plaintext)) expect(capture.text).not.toContain(value);
      expect(capture.lines[0]).toMatchObject({ email: '[redacted]', subject: { name: '[redacted]' }, component: 'inbox' });
    });

    it('redacts what toJSON would print', () => {
      const { capture, logger } = capturedLogger();
      const profile = { toJSON: () => ({ email: plaintext.email }) };

      logger.info({ profile }, 'profile');

      expect(capture.text).not.toContain(plaintext.email);
    });

    it('leaves the logged object itself unchanged', () => {
      const { logger } = capturedLogger();
      const logged = { user: { email: plaintext.email } };

      logger.info(logged);

      expect(logged.user.email).toBe(plaintext.email);
    });

    it('redacts the extra keys a service names', () => {
      const { capture, logger } = capturedLogger('info', ['voterIp']);

      logger.info({ vote: { voterIp: '203.0.113.7' } });

      expect(capture.text).not.toContain('203.0.113.7');
    });
  });

  describe('request context', () => {
    it('adds the ids on lines logged inside the context, across awaits and in children, and not outside', async () => {
      const { capture, logger } = capturedLogger();

      logger.info('before');
      await runWithRequestContext({ requestId: 'req-1', correlationId: 'cor-1', traceId: 'a'.repeat(32) }, async () => {
        logger.info('inside');
        await new Promise((resolve) => setTimeout(resolve, 1));
        logger.child({ component: 'voting' }).info('after await');
      });
      logger.info('after');

      const [before, inside, afterAwait, after] = capture.lines;
      const ids = { requestId: 'req-1', correlationId: 'cor-1', traceId: 'a'.repeat(32) };
      expect(inside).toMatchObject(ids);
      expect(afterAwait).toMatchObject({ ...ids, component: 'voting' });
      for (const line of [before, after]) {
        expect(line).not.toHaveProperty('requestId');
        expect(line).not.toHaveProperty('correlationId');
        expect(line).not.toHaveProperty('traceId');
      }
    });

    it('writes only the ids that are present', () => {
      const { capture, logger } = capturedLogger();

      runWithRequestContext({ correlationId: 'cor-2' }, () => logger.info('only correlation'));

      expect(capture.lines[0]).toMatchObject({ correlationId: 'cor-2' });
      expect(capture.lines[0]).not.toHaveProperty('requestId');
    });
  });
});
