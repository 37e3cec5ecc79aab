import { trigramSimilarity, withoutBoilerplate } from './trigram-similarity';

describe('trigramSimilarity (pg_trgm similarity, in TypeScript)', () => {
  it('gives what Postgres gives', () => {
    // select similarity('Let guests upload photos', 'guest photo upload') → 0.6296296
    expect(trigramSimilarity('Let guests upload photos', 'guest photo upload')).toBeCloseTo(0.6296296, 6);
    expect(trigramSimilarity('Dark mode', 'dark MODE!')).toBe(1);
    expect(trigramSimilarity('', 'anything')).toBe(0);
  });
});

describe('withoutBoilerplate', () => {
  it('drops the prefixes and bounty tags trackers add to every title', () => {
    expect(withoutBoilerplate('[Feature]: Share whole library')).toBe('Share whole library');
    expect(withoutBoilerplate('Feature request: Change an event’s calendar')).toBe('Change an event’s calendar');
    expect(withoutBoilerplate('Clone / Copy boards [$150]')).toBe('Clone / Copy boards');
    expect(withoutBoilerplate('Feature Request - [Calendar] Year view')).toBe('Year view');
  });

  it('keeps a title that is nothing but such words', () => {
    expect(withoutBoilerplate('Feature request:')).toBe('Feature request:');
    expect(withoutBoilerplate('Request templates')).toBe('Request templates');
  });
});
