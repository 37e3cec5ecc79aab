import { inspect } from 'node:util';
import { InvalidSettingsError } from './invalid-settings.error';
import { loadSettings } from './load-settings';
import { duration, hostPortList, oneOf, port, secretText, text, url } from './setting-types';
import { defineSettings } from './settings-schema';

const gatewaySettings = defineSettings({
  FRM_DATA_DIR: text().default('.data'),
  FRM_GATEWAY_PORT: port().default(8080).describe('port the gateway listens on'),
  FRM_KAFKA_BROKERS: hostPortList().optional(),
  FRM_JWT_SECRET: secretText(32).describe('signs the access tokens'),
  FRM_DATABASE_URL: url(['postgres']).optional(),
  FRM_LOG_LEVEL: oneOf(['info', 'debug'] as const).default('info'),
  FRM_SHUTDOWN_GRACE: duration().default(10_000),
});

const JWT_SECRET = 'k'.repeat(40);

function errorOf(run: () => unknown): InvalidSettingsError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidSettingsError) return error;
    throw error;
  }
  throw new Error('expected an InvalidSettingsError');
}

describe('loadSettings', () => {
  it('applies defaults to unset and empty variables and types the result', () => {
    const settings = loadSettings(gatewaySettings, { FRM_JWT_SECRET: JWT_SECRET, FRM_GATEWAY_PORT: '' });

    const port: number = settings.FRM_GATEWAY_PORT;
    const brokers: readonly string[] | undefined = settings.FRM_KAFKA_BROKERS;
    const level: 'info' | 'debug' = settings.FRM_LOG_LEVEL;
    expect({ port, brokers, level, dataDir: settings.FRM_DATA_DIR, grace: settings.FRM_SHUTDOWN_GRACE }).toEqual({
      port: 8080,
      brokers: undefined,
      level: 'info',
      dataDir: '.data',
      grace: 10_000,
    });
  });

  it('reads the process environment when given no record', () => {
    process.env['FRM_TEST_ONLY_PORT'] = '9090';
    try {
      expect(loadSettings({ FRM_TEST_ONLY_PORT: port() }).FRM_TEST_ONLY_PORT).toBe(9090);
    } finally {
      delete process.env['FRM_TEST_ONLY_PORT'];
    }
  });

  it('returns a frozen object whose keys are the settings', () => {
    const settings = loadSettings(gatewaySettings, { FRM_JWT_SECRET: JWT_SECRET });

    expect(Object.isFrozen(settings)).toBe(true);
    expect(Object.keys(settings).sort()).toEqual(Object.keys(gatewaySettings).sort());
    expect(() => {
      (settings as { FRM_GATEWAY_PORT: number }).FRM_GATEWAY_PORT = 1;
    }).toThrow(TypeError);
  });

  it('lists every invalid and missing variable in one error, with the rule, the value and an example', () => {
    const error = errorOf(() =>
      loadSettings(gatewaySettings, { FRM_KAFKA_BROKERS: 'kafka', FRM_GATEWAY_PORT: '99999', FRM_LOG_LEVEL: 'loud' }),
    );

    expect(error.problems.map((problem) => problem.name)).toEqual([
      'FRM_GATEWAY_PORT',
      'FRM_KAFKA_BROKERS',
      'FRM_JWT_SECRET',
      'FRM_LOG_LEVEL',
    ]);
    expect(error.message).toBe(
      [
        '4 settings are missing or invalid:',
        '  FRM_GATEWAY_PORT: expected a TCP port from 0 to 65535, got "99999"; e.g. 8080',
        '  FRM_KAFKA_BROKERS: expected host:port[,host:port…], got "kafka"; e.g. 127.0.0.1:9092',
        '  FRM_JWT_SECRET: missing; expected a secret of at least 32 characters (signs the access tokens); e.g. a random string of 32 characters',
        '  FRM_LOG_LEVEL: expected one of info, debug, got "loud"; e.g. info',
      ].join('\n'),
    );
  });

  it('never repeats a secret or a URL password in the error', () => {
    const error = errorOf(() =>
      loadSettings(gatewaySettings, { FRM_JWT_SECRET: 'hunter2', FRM_DATABASE_URL: 'mysql://frm:s3cr3t@db/frm' }),
    );

    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('s3cr3t');
    expect(error.message).toContain('FRM_JWT_SECRET: expected a secret of at least 32 characters, got a hidden value of 7 characters');
    expect(error.message).toContain('got "mysql://frm:***@db/frm"');
  });

  it('shortens a very long wrong value', () => {
    const error = errorOf(() => loadSettings({ FRM_GATEWAY_PORT: port() }, { FRM_GATEWAY_PORT: '9'.repeat(500) }));

    expect(error.message).toContain(`got "${'9'.repeat(80)}…"`);
  });

  describe('printing', () => {
    const settings = loadSettings(gatewaySettings, {
      FRM_JWT_SECRET: JWT_SECRET,
      FRM_DATABASE_URL: 'postgres://frm:pa55word@127.0.0.1:5432/frm',
      FRM_KAFKA_BROKERS: '127.0.0.1:9092,127.0.0.1:9093',
      FRM_GATEWAY_PORT: '8443',
    });

    it('describe() masks secrets and URL passwords and marks defaults', () => {
      expect(settings.describe()).toBe(
        [
          'FRM_DATA_DIR=.data (default)',
          'FRM_GATEWAY_PORT=8443',
          'FRM_KAFKA_BROKERS=127.0.0.1:9092,127.0.0.1:9093',
          'FRM_JWT_SECRET=[secret]',
          'FRM_DATABASE_URL=postgres://frm:***@127.0.0.1:5432/frm',
          'FRM_LOG_LEVEL=info (default)',
          'FRM_SHUTDOWN_GRACE=10000ms (default)',
        ].join('\n'),
      );
    });

    it('toString, JSON and util.inspect (console.log) are masked as well', () => {
      for (const printed of [String(settings), `${settings}`, JSON.stringify(settings), inspect(settings)]) {
        expect(printed).not.toContain(JWT_SECRET);
        expect(printed).not.toContain('pa55word');
        expect(printed).toContain('FRM_GATEWAY_PORT');
      }
    });

    it('the values themselves stay readable to the code', () => {
      expect(settings.FRM_JWT_SECRET).toBe(JWT_SECRET);
      expect(settings.FRM_DATABASE_URL).toBe('postgres://frm:pa55word@127.0.0.1:5432/frm');
    });
  });
});
