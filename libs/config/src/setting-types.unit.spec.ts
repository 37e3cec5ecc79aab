import type { Setting } from './setting';
import { boolean, commaList, duration, hostPortList, oneOf, port, positiveInt, secretText, text, url } from './setting-types';

function valueOf<T>(setting: Setting<T>, raw: string): T | 'refused' {
  const reading = setting.read(raw);
  return reading.ok ? reading.value : 'refused';
}

describe('setting types', () => {
  it('text takes any non-empty text, trimmed', () => {
    expect(valueOf(text(), '  .data ')).toBe('.data');
  });

  it('secretText enforces its minimum length', () => {
    expect(valueOf(secretText(32), 'x'.repeat(32))).toBe('x'.repeat(32));
    expect(valueOf(secretText(32), 'short')).toBe('refused');
    expect(secretText(32).isSecret).toBe(true);
  });

  it('url checks the scheme and that a host is named', () => {
    const postgres = url(['postgres', 'postgresql']);
    expect(valueOf(postgres, 'postgres://frm:frm@127.0.0.1:5432/frm')).toBe('postgres://frm:frm@127.0.0.1:5432/frm');
    expect(valueOf(postgres, 'POSTGRESQL://db/frm')).toBe('POSTGRESQL://db/frm');
    expect(valueOf(postgres, 'mysql://db/frm')).toBe('refused');
    expect(valueOf(postgres, 'postgres://')).toBe('refused');
    expect(valueOf(postgres, '127.0.0.1:5432')).toBe('refused');
  });

  it('url accepts the comma-separated hosts of an EventStoreDB cluster', () => {
    const esdb = url(['esdb', 'esdb+discover']);
    expect(valueOf(esdb, 'esdb://admin:changeit@a:2113,b:2113,c:2113?tls=false')).not.toBe('refused');
    expect(valueOf(esdb, 'esdb+discover://cluster.internal:2113')).not.toBe('refused');
    expect(valueOf(esdb, 'esdbXdiscover://cluster.internal:2113')).toBe('refused');
  });

  it('port takes 0 to 65535 and nothing else', () => {
    expect(valueOf(port(), '8080')).toBe(8080);
    expect(valueOf(port(), '0')).toBe(0);
    expect(valueOf(port(), '65535')).toBe(65535);
    for (const bad of ['65536', '-1', '80.5', '1e3', 'http', '0x50']) expect(valueOf(port(), bad)).toBe('refused');
  });

  it('hostPortList splits, trims and checks each host:port', () => {
    expect(valueOf(hostPortList(), '127.0.0.1:9092, kafka-2.internal:9093,[::1]:9094')).toEqual([
      '127.0.0.1:9092',
      'kafka-2.internal:9093',
      '[::1]:9094',
    ]);
    for (const bad of ['kafka', 'kafka:', ':9092', 'kafka:0', 'kafka:70000', 'a:1,,b:2', 'a:1,b', 'ka fka:9092']) {
      expect(valueOf(hostPortList(), bad)).toBe('refused');
    }
  });

  it('hostPortList gives a frozen list', () => {
    expect(Object.isFrozen(valueOf(hostPortList(), 'a:1,b:2'))).toBe(true);
  });

  it('duration needs a unit and gives milliseconds', () => {
    expect(valueOf(duration(), '250ms')).toBe(250);
    expect(valueOf(duration(), '30s')).toBe(30_000);
    expect(valueOf(duration(), '1.5s')).toBe(1_500);
    expect(valueOf(duration(), '5m')).toBe(300_000);
    expect(valueOf(duration(), '2h')).toBe(7_200_000);
    for (const bad of ['30', '30 s', 's', '-1s', '1d']) expect(valueOf(duration(), bad)).toBe('refused');
  });

  it('oneOf takes exactly one of its words', () => {
    const level = oneOf(['info', 'debug'] as const);
    expect(valueOf(level, 'debug')).toBe('debug');
    expect(valueOf(level, 'DEBUG')).toBe('refused');
    expect(level.expected).toBe('one of info, debug');
  });

  it('boolean understands the usual spellings', () => {
    for (const yes of ['true', 'TRUE', '1', 'yes', 'on']) expect(valueOf(boolean(), yes)).toBe(true);
    for (const no of ['false', '0', 'no', 'Off']) expect(valueOf(boolean(), no)).toBe(false);
    expect(valueOf(boolean(), 'maybe')).toBe('refused');
  });

  it('positiveInt takes whole numbers from 1 to its maximum', () => {
    expect(valueOf(positiveInt(), '1')).toBe(1);
    expect(valueOf(positiveInt(100), '100')).toBe(100);
    for (const bad of ['0', '101', '2.5', 'ten']) expect(valueOf(positiveInt(100), bad)).toBe('refused');
  });

  it('commaList trims items and refuses empty ones', () => {
    expect(valueOf(commaList(), 'couple, supplier ,product-team')).toEqual(['couple', 'supplier', 'product-team']);
    expect(valueOf(commaList(), 'a,,b')).toBe('refused');
    expect(valueOf(commaList(), 'a,')).toBe('refused');
  });
});
