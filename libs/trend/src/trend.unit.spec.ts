import fc from 'fast-check';
import { exp2Fraction } from './exact-power-of-two';
import { addVote, combineTrends, decodeTrend, DEFAULT_TREND_HALF_LIFE_MS, emptyTrend, encodeTrend, removeVote, trendAt, type TrendState } from './trend';

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);
const voteTimes = fc.array(fc.integer({ min: START, max: START + 730 * DAY }), { maxLength: 60 });
const halfLives = fc.constantFrom(DEFAULT_TREND_HALF_LIFE_MS, DAY, 3_600_000, 30 * DAY + 7);

const fold = (state: TrendState, times: readonly number[]) => times.reduce(addVote, state);

/** Splits the votes into consecutive groups at the given cut points, as batches of a replay would. */
function groups<T>(items: readonly T[], cuts: readonly number[]): T[][] {
  const points = [...new Set(cuts.map((cut) => cut % (items.length + 1)))].sort((a, b) => a - b);
  const result: T[][] = [];
  let from = 0;
  for (const point of [...points, items.length]) {
    result.push(items.slice(from, point));
    from = point;
  }
  return result;
}

describe('trend', () => {
  it('gives the same state and the same number to the last digit for any grouping and order of the same votes', () => {
    fc.assert(
      fc.property(halfLives, voteTimes, fc.array(fc.nat()), fc.integer({ min: 0, max: 30 * DAY }), fc.nat(), (halfLife, times, cuts, later, seed) => {
        const oneByOne = fold(emptyTrend(halfLife), times);
        const batches = groups(times, cuts).map((batch) => fold(emptyTrend(halfLife), batch));
        const shuffled = batches.map((batch, i) => ({ batch, key: (i * 2_654_435_761 + seed) % 1_000_003 })).sort((a, b) => a.key - b.key).map(({ batch }) => batch);
        const grouped = shuffled.reduce(combineTrends, emptyTrend(halfLife));
        const reversed = fold(emptyTrend(halfLife), [...times].reverse());
        expect(grouped).toEqual(oneByOne);
        expect(reversed).toEqual(oneByOne);
        const readAt = Math.max(START, ...times) + later;
        expect(Object.is(trendAt(grouped, readAt), trendAt(oneByOne, readAt))).toBe(true);
      }),
    );
  });

  it("agrees with the recurrence rate' = rate × 2^(-(t - at)/halfLife) + 1", () => {
    fc.assert(
      fc.property(halfLives, voteTimes, fc.integer({ min: 0, max: 60 * DAY }), (halfLife, times, later) => {
        const sorted = [...times].sort((a, b) => a - b);
        let rate = 0;
        let at = sorted[0] ?? START;
        for (const t of sorted) {
          rate = rate * 2 ** (-(t - at) / halfLife) + 1;
          at = t;
        }
        const readAt = at + later;
        const expected = rate * 2 ** (-(readAt - at) / halfLife);
        const actual = trendAt(fold(emptyTrend(halfLife), sorted), readAt);
        expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, expected));
      }),
    );
  });

  it('halves a vote every half-life and counts a fresh vote as 1', () => {
    const state = addVote(emptyTrend(), START + 12_345);
    expect(trendAt(state, START + 12_345)).toBeCloseTo(1, 15);
    expect(trendAt(state, START + 12_345 + DEFAULT_TREND_HALF_LIFE_MS)).toBeCloseTo(0.5, 15);
    expect(trendAt(state, START + 12_345 + 3 * DEFAULT_TREND_HALF_LIFE_MS)).toBeCloseTo(0.125, 15);
    expect(trendAt(emptyTrend(), START)).toBe(0);
  });

  it('reads a time before the latest vote at that vote, never the wall clock', () => {
    const state = fold(emptyTrend(), [START, START + DAY]);
    expect(trendAt(state, START)).toBe(trendAt(state, START + DAY));
    expect(state.at).toBe(START + DAY);
  });

  it('takes a removed vote back out exactly', () => {
    fc.assert(
      fc.property(voteTimes, fc.array(fc.boolean()), (times, removed) => {
        const kept = times.filter((_, i) => !removed[i]);
        const all = fold(emptyTrend(), times);
        const after = times.filter((_, i) => removed[i]).reduce(removeVote, all);
        const expected = fold(emptyTrend(), kept);
        expect({ mantissa: after.mantissa, exponent: after.exponent }).toEqual({ mantissa: expected.mantissa, exponent: expected.exponent });
        if (kept.length === 0) expect(after).toEqual(emptyTrend());
      }),
    );
    expect(() => removeVote(emptyTrend(), START)).toThrow(/never counted/);
  });

  it('survives its text form unchanged', () => {
    fc.assert(
      fc.property(halfLives, voteTimes, (halfLife, times) => {
        const state = fold(emptyTrend(halfLife), times);
        expect(decodeTrend(encodeTrend(state))).toEqual(state);
      }),
    );
    expect(() => decodeTrend('nonsense')).toThrow(/not an encoded trend/);
  });

  it('keeps its state small: about 64 bits plus one per half-life the votes span', () => {
    const state = fold(emptyTrend(), [START, START + 730 * DAY]);
    expect(state.mantissa.toString(2).length).toBeLessThanOrEqual(64 + 105);
  });

  it('refuses a half-life under an hour and times that are not whole milliseconds', () => {
    expect(() => emptyTrend(60_000)).toThrow(/at least 3600000/);
    expect(() => addVote(emptyTrend(), START + 0.5)).toThrow(/whole milliseconds/);
    expect(() => combineTrends(emptyTrend(DAY), emptyTrend(2 * DAY))).toThrow(/half-lives/);
  });
});

describe('exp2Fraction', () => {
  it('is 2^(n/d) × 2^64 to within a few units in the last place of a double', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 40 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (d, x) => {
        const n = Math.floor(x * d);
        const exact = Number(exp2Fraction(BigInt(n), BigInt(d))) / 2 ** 64;
        expect(Math.abs(exact - 2 ** (n / d))).toBeLessThan(4e-16 * 2);
      }),
    );
  });
});
