import { clientAddressOf } from './client-address';
import { TrustedProxies } from './trusted-proxies';

const PROXIES = TrustedProxies.of(['127.0.0.1', '10.0.0.0/8', 'fd00::/8']);

describe('clientAddressOf', () => {
  it.each([
    // [case, peer, X-Forwarded-For, trusted proxies, client]
    ['no proxy: the peer', '203.0.113.9', undefined, PROXIES, '203.0.113.9'],
    ['spoofed XFF from an untrusted peer: ignored', '203.0.113.9', '198.51.100.1', PROXIES, '203.0.113.9'],
    ['spoofed XFF when nobody is trusted (the default): ignored', '127.0.0.1', '198.51.100.1', TrustedProxies.NONE, '127.0.0.1'],
    ['one trusted proxy: the address it appended', '10.0.0.5', '198.51.100.1', PROXIES, '198.51.100.1'],
    ['a client that forges hops before the trusted proxy: the address the proxy saw', '10.0.0.5', '1.1.1.1, 2.2.2.2, 198.51.100.1', PROXIES, '198.51.100.1'],
    ['a chain of trusted proxies: the first untrusted from the right', '127.0.0.1', '192.0.2.4, 198.51.100.1, 10.1.1.1, 10.2.2.2', PROXIES, '198.51.100.1'],
    ['every hop trusted: the leftmost', '127.0.0.1', '10.9.9.9, 10.1.1.1', PROXIES, '10.9.9.9'],
    ['a trusted peer without XFF: the peer', '10.0.0.5', undefined, PROXIES, '10.0.0.5'],
    ['an empty XFF: the peer', '10.0.0.5', '', PROXIES, '10.0.0.5'],
    ['XFF sent twice: read as one list', '10.0.0.5', ['198.51.100.1', '10.3.3.3'], PROXIES, '198.51.100.1'],
    ['IPv4-mapped peer: unmapped, and matched against IPv4 blocks', '::ffff:10.0.0.5', '198.51.100.1', PROXIES, '198.51.100.1'],
    ['IPv4-mapped hop: unmapped', '10.0.0.5', '::ffff:198.51.100.1', PROXIES, '198.51.100.1'],
    ['untrusted IPv4-mapped peer: unmapped', '::ffff:203.0.113.9', undefined, PROXIES, '203.0.113.9'],
    ['IPv6 proxy and client: in canonical form', 'fd00::1', '2001:DB8:0:0::42', PROXIES, '2001:db8::42'],
    ['spaces and no spaces around commas', '10.0.0.5', '192.0.2.4,198.51.100.1 ,  10.1.1.1', PROXIES, '198.51.100.1'],
    ['a malformed rightmost hop: the peer, the last good address', '10.0.0.5', '198.51.100.1, not-an-ip', PROXIES, '10.0.0.5'],
    ['a malformed hop further left: the last good address', '10.0.0.5', '198.51.100.1, garbage, 10.1.1.1', PROXIES, '10.1.1.1'],
    ['an empty hop ends the walk like a malformed one', '10.0.0.5', '198.51.100.1,,10.1.1.1', PROXIES, '10.1.1.1'],
    ['a hop with a port is malformed', '10.0.0.5', '198.51.100.1:4711', PROXIES, '10.0.0.5'],
    ['a bracketed IPv6 hop is malformed', '10.0.0.5', '[2001:db8::1]', PROXIES, '10.0.0.5'],
    ['a shorthand IPv4 hop is malformed, not read as 127.0.0.1', '10.0.0.5', '127.1', PROXIES, '10.0.0.5'],
    ['an untrusted hop stops the walk even with trusted ones left of it', '10.0.0.5', '10.7.7.7, 198.51.100.1, 10.1.1.1', PROXIES, '198.51.100.1'],
  ] as const)('%s', (_, peer, forwardedFor, proxies, client) => {
    expect(clientAddressOf(peer, forwardedFor, proxies)).toBe(client);
  });

  it('knows no client when the peer is unknown', () => {
    expect(clientAddressOf(undefined, '198.51.100.1', PROXIES)).toBeUndefined();
  });
});
