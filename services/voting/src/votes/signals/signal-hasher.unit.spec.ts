import { SignalHasher } from './signal-hasher';

describe('SignalHasher', () => {
  const hasher = new SignalHasher(Buffer.from('k'.repeat(32)));

  it('never carries the raw address or fingerprint, and is the same for the same input', () => {
    const signals = hasher.hash({ clientAddress: '203.0.113.7', deviceFingerprint: 'fp-123', userAgent: 'Mozilla/5.0' });
    expect(JSON.stringify(signals)).not.toMatch(/203\.0\.113|fp-123|Mozilla/);
    expect(hasher.hash({ clientAddress: '203.0.113.7', deviceFingerprint: 'fp-123', userAgent: 'Mozilla/5.0' })).toEqual(signals);
  });

  it('gives addresses of one /24 the same network hash, and another key other hashes', () => {
    const a = hasher.hash({ clientAddress: '203.0.113.7' });
    const b = hasher.hash({ clientAddress: '203.0.113.200' });
    expect(a.networkHash).toBe(b.networkHash);
    expect(a.ipHash).not.toBe(b.ipHash);
    expect(new SignalHasher(Buffer.from('j'.repeat(32))).hash({ clientAddress: '203.0.113.7' }).ipHash).not.toBe(a.ipHash);
  });

  it('leaves unknown signals empty', () => {
    expect(hasher.hash({})).toEqual({ ipHash: '', networkHash: '', deviceHash: '', userAgentHash: '' });
  });
});
