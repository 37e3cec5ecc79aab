import fc from 'fast-check';
import { fusedScore, hybridRank, reasonFor } from './hybrid-rank';

describe('hybridRank', () => {
  it('fuses 0.7 × cosine and 0.3 × lexical score into one 0…1 score, best first, with the reason', () => {
    const ranked = hybridRank(
      [
        { id: 'gallery', score: 0.3, matchedWords: ['guests', 'wedding'] },
        { id: 'invoices', score: 0.1, matchedWords: [] },
      ],
      [
        { id: 'gallery', cosine: 0.76 },
        { id: 'invoices', cosine: 0.27 },
        { id: 'reminders', cosine: 0.57 },
      ],
      { weights: { semantic: 0.7, lexical: 0.3 } },
    );
    expect(ranked.map(({ id }) => id)).toEqual(['gallery', 'reminders', 'invoices']);
    expect(ranked[0]).toEqual({ id: 'gallery', score: 0.7 * 0.76 + 0.3 * 0.3, lexical: 0.3, semantic: 0.76, reason: 'similar meaning (0.76); same words: guests, wedding' });
    expect(ranked[1]).toMatchObject({ score: 0.7 * 0.57, lexical: 0, reason: 'loosely related (meaning 0.57)' });
    expect(ranked[2]).toMatchObject({ reason: 'similar wording (0.10)' });
  });

  it('ranks by the lexical score alone when there are no embeddings', () => {
    const ranked = hybridRank([{ id: 'a', score: 0.4, matchedWords: ['photo', 'gallery'] }, { id: 'b', score: 0.9 }], undefined);
    expect(ranked).toEqual([
      { id: 'b', score: 0.9, lexical: 0.9, reason: 'similar wording (0.90)' },
      { id: 'a', score: 0.4, lexical: 0.4, reason: 'same words: photo, gallery' },
    ]);
  });

  it('keeps every score within 0…1, orders ties by id and honours the limit', () => {
    const hit = fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd'), score: fc.double({ min: -0.1, max: 1.1, noNaN: true }) });
    const near = fc.record({ id: fc.constantFrom('a', 'b', 'c', 'e'), cosine: fc.double({ min: -1, max: 1, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(hit), fc.array(near), fc.nat(5), (lexical, semantic, limit) => {
        const ranked = hybridRank(lexical, semantic, { limit });
        expect(ranked.length).toBeLessThanOrEqual(limit);
        for (let i = 0; i < ranked.length; i++) {
          expect(ranked[i].score).toBeGreaterThanOrEqual(0);
          expect(ranked[i].score).toBeLessThanOrEqual(1);
          if (i > 0) expect(ranked[i - 1].score > ranked[i].score || (ranked[i - 1].score === ranked[i].score && ranked[i - 1].id < ranked[i].id)).toBe(true);
        }
      }),
    );
  });

  it('takes each request’s best score when a list names it twice, and follows its weights', () => {
    const ranked = hybridRank([{ id: 'a', score: 0.2 }, { id: 'a', score: 0.6 }], [{ id: 'a', cosine: 0.5 }], { weights: { semantic: 1, lexical: 1 } });
    expect(ranked).toEqual([{ id: 'a', score: 0.55, lexical: 0.6, semantic: 0.5, reason: 'similar wording (0.60)' }]);
  });

  it('refuses scores that are not numbers and weights that sum to nothing', () => {
    expect(() => hybridRank([{ id: 'a', score: Number.NaN }], [])).toThrow(/lexical score of a is not a number/);
    expect(() => hybridRank([], [{ id: 'a', cosine: Number.NaN }])).toThrow(/cosine of a/);
    expect(() => hybridRank([], [], { weights: { semantic: 0, lexical: 0 } })).toThrow(/hybrid weights/);
  });
});

describe('fusedScore', () => {
  it('is the score hybridRank gives one pair, by meaning and wording or by wording alone', () => {
    const weights = { semantic: 0.3, lexical: 0.7 };
    const [ranked] = hybridRank([{ id: 'a', score: 0.42 }], [{ id: 'a', cosine: 0.81 }], { weights });
    expect(fusedScore(0.42, 0.81, weights)).toBe(ranked?.score);
    expect(fusedScore(0.42, -0.2, weights)).toBeCloseTo(0.7 * 0.42, 12);
    expect(fusedScore(0.42, undefined, weights)).toBe(0.42);
    expect(() => fusedScore(Number.NaN, 0.5)).toThrow(/not a number/);
  });
});

describe('reasonFor', () => {
  it('names a close meaning and the shared words, else how alike the wording is, else how loosely related', () => {
    expect(reasonFor(0.74, { id: 'a', score: 0.3, matchedWords: ['seating', 'plan'] })).toBe('similar meaning (0.74); same words: seating, plan');
    expect(reasonFor(undefined, { id: 'a', score: 0.42 })).toBe('similar wording (0.42)');
    expect(reasonFor(0.31, { id: 'a', score: 0 })).toBe('loosely related (meaning 0.31)');
  });
});
