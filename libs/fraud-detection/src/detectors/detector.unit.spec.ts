import { describeDuration, scaledScore } from './detector';
import { poissonTail } from './poisson-tail';

describe('scaledScore', () => {
  it('is the base at the threshold and halfway to 1 at twice the threshold', () => {
    expect(scaledScore(0.6, 5, 5)).toBe(0.6);
    expect(scaledScore(0.6, 5, 3)).toBe(0.6);
    expect(scaledScore(0.6, 5, 10)).toBeCloseTo(0.8);
    expect(scaledScore(0.6, 5, 1e9)).toBeLessThanOrEqual(1);
  });
});

describe('describeDuration', () => {
  it.each([
    [10 * 60_000, '10 min'],
    [3_600_000, '1 h'],
    [24 * 3_600_000, '24 h'],
    [7 * 24 * 3_600_000, '7 days'],
  ])('%d ms reads %s', (ms, text) => {
    expect(describeDuration(ms)).toBe(text);
  });
});

describe('poissonTail', () => {
  it('is the chance of at least that many', () => {
    expect(poissonTail(3, 1)).toBeCloseTo(1 - 2.5 * Math.exp(-1), 12);
    expect(poissonTail(5, 1)).toBeCloseTo(0.00366, 5);
    expect(poissonTail(10, 0.1) / ((0.1 ** 10 * Math.exp(-0.1)) / 3_628_800)).toBeCloseTo(1, 1);
  });

  it('is 1 at or below the mean and for nothing observed, 0 when nothing is expected', () => {
    expect(poissonTail(2, 2)).toBe(1);
    expect(poissonTail(0, 0.5)).toBe(1);
    expect(poissonTail(3, 0)).toBe(0);
  });
});
