import { Writable } from 'node:stream';
import { logLevel } from 'kafkajs';
import { createLogger } from '@frm/logging';
import { kafkaLogBridge, kafkaLogLevelFor } from './kafka-log-bridge';

function capture(level: 'debug' | 'warn' | 'silent') {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ service: 'kafka-test', level, destination }) };
}

describe('the kafkajs log bridge', () => {
  it('asks kafkajs for no more than the logger writes', () => {
    expect(kafkaLogLevelFor(capture('silent').logger)).toBe(logLevel.NOTHING);
    expect(kafkaLogLevelFor(capture('warn').logger)).toBe(logLevel.WARN);
    expect(kafkaLogLevelFor(capture('debug').logger)).toBe(logLevel.DEBUG);
  });

  it('writes kafkajs errors as warnings with their details, since kafkajs retries them', async () => {
    const { lines, logger } = capture('debug');
    const log = kafkaLogBridge(logger)(logLevel.DEBUG);
    log({ namespace: 'Connection', level: logLevel.ERROR, label: 'ERROR', log: { timestamp: 'now', message: 'Connection error', broker: '127.0.0.1:9092' } });
    log({ namespace: 'Producer', level: logLevel.WARN, label: 'WARN', log: { timestamp: 'now', message: 'Limiting retries for the idempotent producer may invalidate EoS guarantees' } });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'warn', msg: 'Connection error', kafkajs: 'Connection', broker: '127.0.0.1:9092' });
  });
});
