import { BoundedTtlCache } from './bounded-ttl-cache';

describe('BoundedTtlCache', () => {
  let now = 0;
  const cache = () => new BoundedTtlCache<string, number>(2, 1_000, () => now);

  beforeEach(() => {
    now = 0;
  });

  it('forgets an entry once its time is up', () => {
    const entries = cache();
    entries.set('a', 1);
    now = 999;
    expect(entries.get('a')).toBe(1);
    now = 1_000;
    expect(entries.get('a')).toBeUndefined();
    expect(entries.size).toBe(0);
  });

  it('drops the least recently used entry when full', () => {
    const entries = cache();
    entries.set('a', 1);
    entries.set('b', 2);
    entries.get('a');
    entries.set('c', 3);
    expect([entries.get('a'), entries.get('b'), entries.get('c')]).toEqual([1, undefined, 3]);
  });

  it('keeps nothing with no capacity', () => {
    const entries = new BoundedTtlCache<string, number>(0, 1_000, () => now);
    entries.set('a', 1);
    expect(entries.get('a')).toBeUndefined();
  });
});
