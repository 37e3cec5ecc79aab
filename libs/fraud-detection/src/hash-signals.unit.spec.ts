import { hashSignals, networkOf } from './hash-signals';

const KEY = 'a-key-for-tests';

describe('hashSignals', () => {
  it('hashes the same origin the same way with the same key, and differently with another key', () => {
    const origin = { ipAddress: '203.0.113.7', deviceFingerprint: 'c0ffee' };
    const hashed = hashSignals(origin, KEY);
    expect(hashSignals(origin, KEY)).toEqual(hashed);
    expect(hashed.ipHash).toMatch(/^[0-9a-f]{64}$/);
    const otherKey = hashSignals(origin, 'another-key');
    expect(otherKey.ipHash).not.toBe(hashed.ipHash);
    expect(otherKey.deviceHash).not.toBe(hashed.deviceHash);
  });

  it('puts neighbours of one /24 on one network and never equates roles', () => {
    const a = hashSignals({ ipAddress: '203.0.113.7', deviceFingerprint: 'x' }, KEY);
    const b = hashSignals({ ipAddress: '203.0.113.200', deviceFingerprint: 'y' }, KEY);
    const c = hashSignals({ ipAddress: '203.0.114.7', deviceFingerprint: 'x' }, KEY);
    expect(a.networkHash).toBe(b.networkHash);
    expect(a.ipHash).not.toBe(b.ipHash);
    expect(a.networkHash).not.toBe(c.networkHash);
    expect(a.deviceHash).toBe(c.deviceHash);
    expect(new Set([a.ipHash, a.networkHash, a.deviceHash]).size).toBe(3);
  });

  it('treats an IPv4-mapped IPv6 address, as Node reports IPv4 peers, as the IPv4 address', () => {
    expect(hashSignals({ ipAddress: '::ffff:203.0.113.7' }, KEY)).toEqual(hashSignals({ ipAddress: '203.0.113.7' }, KEY));
  });

  it('leaves unknown signals empty so they never group anyone', () => {
    expect(hashSignals({}, KEY)).toEqual({ ipHash: '', networkHash: '', deviceHash: '' });
    expect(hashSignals({ ipAddress: 'not an address', deviceFingerprint: '  ' }, KEY)).toEqual({
      ipHash: '',
      networkHash: '',
      deviceHash: '',
    });
  });
});

describe('networkOf', () => {
  it.each([
    ['198.51.100.23', '198.51.100.0/24'],
    [' 198.51.100.23 ', '198.51.100.0/24'],
    ['::ffff:198.51.100.23', '198.51.100.0/24'],
    ['2001:db8:1:2:3:4:5:6', '2001:0db8:0001:0002::/64'],
    ['2001:DB8:1:2::9', '2001:0db8:0001:0002::/64'],
    ['fe80::1%eth0', 'fe80:0000:0000:0000::/64'],
    ['64:ff9b::198.51.100.23', '0064:ff9b:0000:0000::/64'],
    ['', ''],
    ['localhost', ''],
    ['300.1.1.1', ''],
  ])('%s is on %s', (ip, network) => {
    expect(networkOf(ip)).toBe(network);
  });
});
