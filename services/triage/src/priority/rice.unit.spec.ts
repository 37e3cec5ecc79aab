import { riceScore, validateRiceInputs } from './rice';

const valid = { reach: 500, impact: 2, confidence: 80, effort: 4 };

describe('RICE inputs', () => {
  it('score reach × impact × confidence ÷ effort, with confidence in percent', () => {
    expect(riceScore(valid)).toBe(200);
    expect(validateRiceInputs(valid)).toEqual([]);
  });

  it('accept the ends of each range', () => {
    expect(validateRiceInputs({ reach: 0, impact: 0.25, confidence: 0, effort: 0.1 })).toEqual([]);
    expect(validateRiceInputs({ reach: 1e6, impact: 3, confidence: 100, effort: 1e3 })).toEqual([]);
  });

  it('name each field out of range and say what its range is', () => {
    expect(validateRiceInputs({ reach: -1, impact: 3.5, confidence: 120, effort: 0 })).toEqual([
      { field: 'reach', rule: 'must be a number of people, 0 or more', got: '-1' },
      { field: 'impact', rule: 'must be from 0.25 to 3 (0.25 minimal, 0.5 low, 1 medium, 2 high, 3 massive)', got: '3.5' },
      { field: 'confidence', rule: 'must be a percentage from 0 to 100', got: '120' },
      { field: 'effort', rule: 'must be more than 0 person-months', got: '0' },
    ]);
    expect(validateRiceInputs({ ...valid, impact: 0.2 }).map(({ field }) => field)).toEqual(['impact']);
    expect(validateRiceInputs({ ...valid, confidence: -0.1 }).map(({ field }) => field)).toEqual(['confidence']);
    expect(validateRiceInputs({ ...valid, effort: -2 }).map(({ field }) => field)).toEqual(['effort']);
  });

  it('refuse numbers that are not finite', () => {
    const fields = validateRiceInputs({ reach: Number.NaN, impact: Number.POSITIVE_INFINITY, confidence: Number.NaN, effort: Number.POSITIVE_INFINITY });
    expect(fields.map(({ field }) => field)).toEqual(['reach', 'impact', 'confidence', 'effort']);
  });
});
