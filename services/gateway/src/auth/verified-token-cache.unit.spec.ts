import { VerifiedTokenCache } from './verified-token-cache';

describe('VerifiedTokenCache', () => {
  it('answers until the token expires, and not a moment after', () => {
    const cache = new VerifiedTokenCache<string>(10, 60_000);
    cache.set('token', 'caller', 1_000, 5_000);
    expect(cache.get('token', 4_999)).toBe('caller');
    expect(cache.get('token', 5_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('forgets a token after its maximum age even when it expires later', () => {
    const cache = new VerifiedTokenCache<string>(10, 60_000);
    cache.set('token', 'caller', 0, 3_600_000);
    expect(cache.get('token', 59_999)).toBe('caller');
    expect(cache.get('token', 60_000)).toBeUndefined();
  });

  it('keeps nothing for a token that has already expired', () => {
    const cache = new VerifiedTokenCache<string>(10, 60_000);
    cache.set('token', 'caller', 10_000, 9_000);
    expect(cache.get('token', 10_000)).toBeUndefined();
  });

  it('lets the oldest entry go when full', () => {
    const cache = new VerifiedTokenCache<string>(2, 60_000);
    cache.set('a', 'A', 0);
    cache.set('b', 'B', 0);
    cache.set('c', 'C', 0);
    expect([cache.get('a', 1), cache.get('b', 1), cache.get('c', 1)]).toEqual([undefined, 'B', 'C']);
    expect(cache.size).toBe(2);
  });
});
