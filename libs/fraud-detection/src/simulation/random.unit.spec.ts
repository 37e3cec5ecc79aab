import { mulberry32, Random, ZipfSampler } from './random';

describe('mulberry32', () => {
  it('replays the same sequence for the same seed, a different one for another seed', () => {
    const draw = (seed: number) => {
      const next = mulberry32(seed);
      return Array.from({ length: 5 }, () => next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    for (const value of draw(7)) expect(value >= 0 && value < 1).toBe(true);
  });

  it('is roughly uniform', () => {
    const next = mulberry32(1);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[Math.floor(next() * 10)] += 1;
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });
});

describe('Random', () => {
  it('draws integers within bounds, samples without repeats and makes hex of any length', () => {
    const random = new Random(3);
    for (let i = 0; i < 1_000; i++) {
      const value = random.int(2, 5);
      expect(value >= 2 && value <= 5 && Number.isInteger(value)).toBe(true);
    }
    const sample = random.sample([1, 2, 3, 4, 5, 6], 4);
    expect(new Set(sample).size).toBe(4);
    expect(random.hex(13)).toMatch(/^[0-9a-f]{13}$/);
  });
});

describe('ZipfSampler', () => {
  it('draws rank k about k^s times less often than rank 1', () => {
    const random = new Random(11);
    const sampler = new ZipfSampler(300, 1.1);
    const counts = new Array<number>(300).fill(0);
    for (let i = 0; i < 200_000; i++) counts[sampler.draw(random)] += 1;
    expect((counts[0] as number) / (counts[1] as number)).toBeCloseTo(2 ** 1.1, 0);
    expect((counts[0] as number) / (counts[9] as number)).toBeGreaterThan(10 ** 1.1 * 0.85);
    expect(counts[299]).toBeGreaterThan(0);
  });
});
