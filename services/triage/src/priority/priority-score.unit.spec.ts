import fc from 'fast-check';
import { scorePriority, type PriorityInputs } from './priority-score';
import { DEFAULT_PRIORITY_SETTINGS } from './priority.settings';

const JULY = Date.UTC(2026, 6, 4, 12);
const JANUARY = Date.UTC(2026, 0, 10, 12);
const WEEK = 7 * 86_400_000;

const inputs: PriorityInputs = {
  at: JULY,
  countedVotes: 12,
  trustedVoteWeight: 10.4,
  trend: { rate: 3.25, halfLifeMs: WEEK },
  supplierTypes: 3,
  couples: 7,
  rice: { reach: 500, impact: 2, confidence: 80, effort: 4 },
  affectsWeddingDayOperations: true,
  voteWeightByZone: new Map([['Europe/London', 10.4]]),
};

const byName = (score: ReturnType<typeof scorePriority>) => Object.fromEntries(score.components.map((c) => [c.name, c]));

describe('priority score', () => {
  it('breaks down into named components, each with its raw value, weight, points and a sentence', () => {
    const score = scorePriority(inputs);
    expect(score.components.map(({ name }) => name)).toEqual(['trusted-votes', 'trend', 'supplier-reach', 'couple-reach', 'rice', 'wedding-season-urgency']);
    const parts = byName(score);
    expect(parts['trusted-votes']).toEqual({
      name: 'trusted-votes',
      rawValue: 10.4,
      weight: 1,
      points: Math.log2(11.4),
      explanation: "12 counted votes weigh 10.4 once each voter's fraud risk is applied.",
    });
    expect(parts.trend.explanation).toBe('Recent interest: its votes add up to 3.3 when each counts half as much every 7 days.');
    expect(parts['supplier-reach'].explanation).toBe('Wanted by suppliers of 3 different types.');
    expect(parts['couple-reach'].explanation).toBe('Wanted by 7 couples.');
    expect(parts.rice).toMatchObject({ rawValue: 200, explanation: "Product's RICE estimate: reach 500 × impact 2 × confidence 80% ÷ effort 4 person-months = 200." });
    expect(parts['wedding-season-urgency']).toMatchObject({
      rawValue: 1,
      weight: 0.4,
      explanation: "Affects suppliers' wedding-day operations and it is wedding season (May–October) for voters with 100% of its vote weight: +40% (the full boost is +40%).",
    });
  });

  it('is the sum of the components’ points, the urgency being +40% of the rest in season', () => {
    const score = scorePriority(inputs);
    const rest = score.components.filter(({ name }) => name !== 'wedding-season-urgency').reduce((sum, { points }) => sum + points, 0);
    expect(score.score).toBeCloseTo(rest * 1.4, 12);
    expect(score.score).toBe(score.components.reduce((sum, { points }) => sum + points, 0));
  });

  it('boosts only requests marked as affecting wedding-day operations, and only in season for their voters', () => {
    const inSeason = scorePriority(inputs).score;
    const unmarked = scorePriority({ ...inputs, affectsWeddingDayOperations: false });
    const winter = scorePriority({ ...inputs, at: JANUARY });
    expect(unmarked.score).toBeCloseTo(inSeason / 1.4, 12);
    expect(winter.score).toBe(unmarked.score);
    expect(byName(unmarked)['wedding-season-urgency'].explanation).toBe("Not marked as affecting suppliers' wedding-day operations: no seasonal boost.");
    expect(byName(winter)['wedding-season-urgency'].explanation).toBe(
      "Affects suppliers' wedding-day operations, but it is not wedding season (May–October) for any of its voters now: no boost.",
    );
    // 15:00 UTC on 31 October: still October in London, already 1 November in Sydney.
    const lastDay = { ...inputs, at: Date.UTC(2026, 9, 31, 15) };
    const half = scorePriority({ ...lastDay, voteWeightByZone: new Map([['Europe/London', 5], ['Australia/Sydney', 5]]) });
    expect(half.score).toBeCloseTo(scorePriority({ ...lastDay, affectsWeddingDayOperations: false }).score * 1.2, 12);
  });

  it('follows its settings: boost, months and weights', () => {
    const settings = { ...DEFAULT_PRIORITY_SETTINGS, weddingDayBoost: 0.1, weddingSeason: { months: [1] } };
    const january = scorePriority({ ...inputs, at: JANUARY }, settings);
    expect(byName(january)['wedding-season-urgency'].weight).toBe(0.1);
    expect(byName(january)['wedding-season-urgency'].rawValue).toBe(1);
    const noRice = scorePriority(inputs, { ...DEFAULT_PRIORITY_SETTINGS, weights: { ...DEFAULT_PRIORITY_SETTINGS.weights, rice: 0 } });
    expect(byName(noRice).rice.points).toBe(0);
  });

  it('says so when there are no votes and no RICE inputs yet', () => {
    const empty = scorePriority({
      ...inputs,
      countedVotes: 0,
      trustedVoteWeight: 0,
      trend: { rate: 0, halfLifeMs: 36 * 3_600_000 },
      supplierTypes: 0,
      couples: 0,
      rice: undefined,
      voteWeightByZone: new Map(),
    });
    expect(empty.score).toBe(0);
    expect(empty.components.map(({ explanation }) => explanation)).toEqual([
      'No counted votes yet.',
      'Recent interest: its votes add up to 0 when each counts half as much every 36 hours.',
      'No supplier has voted for it yet.',
      'No couple has voted for it yet.',
      'Product has not set RICE inputs yet.',
      "Affects suppliers' wedding-day operations, but it is not wedding season (May–October) for any of its voters now: no boost.",
    ]);
  });

  it('never falls when any component grows', () => {
    const counts = fc.record({
      trustedVoteWeight: fc.double({ min: 0, max: 1e4, noNaN: true }),
      rate: fc.double({ min: 0, max: 1e3, noNaN: true }),
      supplierTypes: fc.nat(16),
      couples: fc.nat(1e4),
    });
    fc.assert(
      fc.property(counts, fc.constantFrom('trustedVoteWeight', 'rate', 'supplierTypes', 'couples'), fc.double({ min: 0, max: 100, noNaN: true }), (c, grow, by) => {
        const make = (v: typeof c) =>
          scorePriority({ ...inputs, countedVotes: 1, trustedVoteWeight: v.trustedVoteWeight, trend: { rate: v.rate, halfLifeMs: WEEK }, supplierTypes: v.supplierTypes, couples: v.couples }).score;
        expect(make({ ...c, [grow]: c[grow as keyof typeof c] + by })).toBeGreaterThanOrEqual(make(c));
      }),
    );
  });

  it('refuses negative or non-finite counts and out-of-range RICE inputs', () => {
    expect(() => scorePriority({ ...inputs, couples: -1 })).toThrow('couples must be a finite number ≥ 0, got -1');
    expect(() => scorePriority({ ...inputs, trend: { rate: Number.NaN, halfLifeMs: WEEK } })).toThrow(/trend.rate/);
    expect(() => scorePriority({ ...inputs, rice: { reach: 1, impact: 5, confidence: 50, effort: 1 } })).toThrow(/^rice.impact must be from 0.25 to 3/);
  });
});
