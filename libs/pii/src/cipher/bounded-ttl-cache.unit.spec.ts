import fc from 'fast-check';
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

  it('evicts as a plain least-recently-used list would, however keys are set, read again and deleted', () => {
    const step = fc.record({ op: fc.constantFrom('get', 'get', 'set', 'set', 'delete'), key: fc.constantFrom('a', 'b', 'c'), advance: fc.constantFrom(0, 0, 0, 0, 0, 0, 10, 400, 1_200) });
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 80 }), (steps) => {
        now = 0;
        const entries = new BoundedTtlCache<string, number>(2, 1_000, () => now);
        // The model: most recently used last, each with its expiry.
        let model: { key: string; value: number; expiresAt: number }[] = [];
        steps.forEach(({ op, key, advance }, value) => {
          now += advance;
          const found = model.find((entry) => entry.key === key);
          if (op === 'get') {
            model = model.filter((entry) => entry !== found);
            const live = found && found.expiresAt > now ? found : undefined;
            if (live) model.push(live);
            expect(entries.get(key)).toBe(live?.value);
          } else if (op === 'set') {
            model = model.filter((entry) => entry !== found);
            if (model.length >= 2) model = model.slice(model.length - 1);
            model.push({ key, value, expiresAt: now + 1_000 });
            entries.set(key, value);
          } else {
            model = model.filter((entry) => entry !== found);
            entries.delete(key);
          }
        });
        for (const { key, value, expiresAt } of [...model].reverse()) expect(entries.get(key)).toBe(expiresAt > now ? value : undefined);
      }),
      { numRuns: 500 },
    );
  });

  it('moves a key read again after another was set to the most recent place', () => {
    const entries = cache();
    entries.set('a', 1);
    entries.get('a');
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
