import { createServer } from 'node:net';
import { findFreePort } from './free-port';
import { parseHostPort, probeTcp } from './tcp-probe';

describe('parseHostPort', () => {
  it('reads host and port, IPv6 in brackets included', () => {
    expect(parseHostPort('127.0.0.1:39092')).toEqual({ host: '127.0.0.1', port: 39092 });
    expect(parseHostPort('[::1]:9092')).toEqual({ host: '::1', port: 9092 });
  });

  it('says what a Kafka address looks like when given something else', () => {
    expect(() => parseHostPort('localhost')).toThrow('expected e.g. 127.0.0.1:39092');
  });
});

describe('probeTcp', () => {
  it('reports the refusal of a port nothing listens on, and success once something does', async () => {
    const port = await findFreePort();
    expect(await probeTcp('127.0.0.1', port)).toBe('ECONNREFUSED');
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      expect(await probeTcp('127.0.0.1', port)).toBeUndefined();
    } finally {
      server.close();
    }
  });
});
