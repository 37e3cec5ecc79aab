import fc from 'fast-check';
import { addVote, DEFAULT_TREND_HALF_LIFE_MS, emptyTrend, MIN_TREND_HALF_LIFE_MS, removeVote, trendAt } from './trend';
import { TREND_ORIGIN_MS, trendOfTermSum, trendTermOf } from './trend-terms';

const DAY = 86_400_000;
const times = fc.array(fc.integer({ min: TREND_ORIGIN_MS, max: TREND_ORIGIN_MS + 3_000 * DAY }), { maxLength: 40 });
const halfLives = fc.constantFrom(DEFAULT_TREND_HALF_LIFE_MS, DAY, MIN_TREND_HALF_LIFE_MS, 30 * DAY + 7);

describe('trend terms (whole numbers a database adds up exactly)', () => {
  it('add up to the state addVote folds, and read the same rate to the last digit', () => {
    fc.assert(
      fc.property(halfLives, times, fc.nat(60 * DAY), (halfLife, votes, later) => {
        const folded = votes.reduce(addVote, emptyTrend(halfLife));
        const summed = trendOfTermSum(halfLife, votes.reduce((sum, t) => sum + trendTermOf(halfLife, t), 0n));
        expect({ ...summed, at: folded.at }).toEqual(folded);
        const readAt = Math.max(TREND_ORIGIN_MS, ...votes) + later;
        expect(Object.is(trendAt(summed, readAt), trendAt(folded, readAt))).toBe(true);
      }),
    );
  });

  it('take back exactly what they added, as removeVote does', () => {
    fc.assert(
      fc.property(halfLives, times, fc.nat(), (halfLife, votes, pick) => {
        fc.pre(votes.length > 0);
        const removed = votes[pick % votes.length] as number;
        const sum = votes.reduce((total, t) => total + trendTermOf(halfLife, t), 0n) - trendTermOf(halfLife, removed);
        const folded = removeVote(votes.reduce(addVote, emptyTrend(halfLife)), removed);
        expect({ ...trendOfTermSum(halfLife, sum), at: folded.at }).toEqual(folded);
      }),
    );
  });

  it('are whole numbers of a few hundred bits at the default half-life', () => {
    const term = trendTermOf(DEFAULT_TREND_HALF_LIFE_MS, Date.UTC(2030, 0, 1));
    expect(term).toBeGreaterThan(0n);
    expect(term.toString(2).length).toBeLessThan(700);
  });

  it('count a vote from before the origin as cast at the origin, and refuse a negative sum', () => {
    expect(trendTermOf(DAY, TREND_ORIGIN_MS - 5 * DAY)).toBe(trendTermOf(DAY, TREND_ORIGIN_MS));
    expect(trendOfTermSum(DAY, 0n)).toEqual(emptyTrend(DAY));
    expect(() => trendOfTermSum(DAY, -1n)).toThrow(/cannot be negative/);
  });
});
