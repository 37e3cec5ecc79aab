import type { RankedMatch } from './hybrid-rank';
import { LIKELY_DUPLICATE_THRESHOLD, likelyDuplicateOf } from './likely-duplicate';

const match = (id: string, score: number): RankedMatch => ({ id, score, lexical: 0, semantic: score, reason: '' });

describe('likelyDuplicateOf', () => {
  it('is the best other request at or above the threshold', () => {
    expect(likelyDuplicateOf('new', [match('a', 0.61), match('b', 0.8), match('c', 0.9)].reverse())).toMatchObject({ id: 'c' });
    expect(likelyDuplicateOf('new', [match('a', LIKELY_DUPLICATE_THRESHOLD)])).toMatchObject({ id: 'a' });
  });

  it('is nothing when every match is below the threshold', () => {
    expect(likelyDuplicateOf('new', [match('a', LIKELY_DUPLICATE_THRESHOLD - 1e-9)])).toBeUndefined();
    expect(likelyDuplicateOf('new', [])).toBeUndefined();
  });

  it('never marks a request a duplicate of itself, and breaks ties by id', () => {
    expect(likelyDuplicateOf('a', [match('a', 1), match('c', 0.7), match('b', 0.7)])).toMatchObject({ id: 'b' });
    expect(likelyDuplicateOf('a', [match('b', 0.7)], 0.75)).toBeUndefined();
  });
});
