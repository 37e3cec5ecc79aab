import fc from 'fast-check';
import { withoutHubness } from './hubness';

/** Pairwise likeness from a symmetric table. */
const likenessOf = (table: readonly (readonly number[])[]) => (a: number, b: number) => (table[a] as number[])[b] as number;

describe('withoutHubness', () => {
  it('ranks the candidate that resembles the query more than its neighbours above one that resembles everything', () => {
    // "templates" is alike to every other candidate; "copy board" only to the query.
    const ranked = [
      { id: 'templates', score: 0.5 },
      { id: 'copy-board', score: 0.45 },
      { id: 'card-templates', score: 0.3 },
      { id: 'list-templates', score: 0.3 },
    ];
    const table = [
      [1, 0.1, 0.6, 0.6],
      [0.1, 1, 0.1, 0.1],
      [0.6, 0.1, 1, 0.4],
      [0.6, 0.1, 0.4, 1],
    ];
    const corrected = withoutHubness(ranked, likenessOf(table), { correction: { neighbours: 2, weight: 0.5 } });
    expect(corrected.map(({ id }) => id)).toEqual(['copy-board', 'templates', 'card-templates', 'list-templates']);
    expect(corrected[0]?.score).toBeCloseTo(0.45 - 0.5 * 0.1, 12);
    expect(corrected[1]?.score).toBeCloseTo(0.5 - 0.5 * 0.6, 12);
    expect(corrected[2]?.score).toBeCloseTo(0.3 - 0.5 * 0.5, 12);
  });

  it('leaves a lone candidate as it was, and the query itself, which is no neighbour of the others', () => {
    expect(withoutHubness([{ id: 'a', score: 0.7 }], () => 0.9)).toEqual([{ id: 'a', score: 0.7 }]);
    const ranked = [
      { id: 'query-itself', score: 1 },
      { id: 'b', score: 0.6 },
      { id: 'c', score: 0.5 },
    ];
    const corrected = withoutHubness(ranked, () => 0.4, { correction: { neighbours: 5, weight: 0.5 }, isQuery: (index) => index === 0 });
    expect(corrected).toEqual([
      { id: 'query-itself', score: 1 },
      { id: 'b', score: 0.6 - 0.5 * 0.4 },
      { id: 'c', score: 0.5 - 0.5 * 0.4 },
    ]);
  });

  it('never raises a score nor takes it below 0, and keeps other fields', () => {
    const corrected = withoutHubness(
      [
        { id: 'a', score: 0.2, reason: 'x' },
        { id: 'b', score: 0.1, reason: 'y' },
      ],
      () => 1,
      { correction: { neighbours: 1, weight: 1 } },
    );
    expect(corrected).toEqual([
      { id: 'a', score: 0, reason: 'x' },
      { id: 'b', score: 0, reason: 'y' },
    ]);
  });

  it('gives, within a limit, the first of what correcting every candidate gives, asking only what it needs', () => {
    // Few distinct values too, for ties.
    const unit = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.125, 0.25, 0.5, 1));
    const candidates = fc.integer({ min: 0, max: 12 }).chain((n) =>
      fc.record({
        scores: fc.array(unit, { minLength: n, maxLength: n }),
        table: fc.array(unit, { minLength: n * n, maxLength: n * n }),
        limit: fc.integer({ min: 0, max: n + 1 }),
        neighbours: fc.integer({ min: 1, max: 6 }),
        weight: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0.5, 0.75, 1)),
        query: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      }),
    );
    fc.assert(
      fc.property(candidates, ({ scores, table, limit, neighbours, weight, query }) => {
        const n = scores.length;
        const ranked = scores.map((score, i) => ({ id: `r${String(i).padStart(2, '0')}`, score })).sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
        const likeness = (a: number, b: number) => table[Math.min(a, b) * n + Math.max(a, b)] as number;
        const options = { correction: { neighbours, weight }, isQuery: (index: number) => query[index] === true };
        const all = withoutHubness(ranked, likeness, options);
        expect(withoutHubness(ranked, likeness, { ...options, limit })).toEqual(all.slice(0, limit));
        for (let i = 1; i < all.length; i++) {
          const [a, b] = [all[i - 1], all[i]] as [{ id: string; score: number }, { id: string; score: number }];
          expect(a.score > b.score || (a.score === b.score && a.id < b.id)).toBe(true);
        }
        for (const match of all) expect(match.score).toBeLessThanOrEqual(ranked.find(({ id }) => id === match.id)?.score as number);
      }),
      { numRuns: 500 },
    );
  });

  it('corrects no candidate that can no longer reach the limit', () => {
    const ranked = [1, 0.4, 0.3, 0.2].map((score, i) => ({ id: `r${i}`, score }));
    const asked = new Set<number>();
    const corrected = withoutHubness(ranked, (a) => (asked.add(a), 0.2), { correction: { neighbours: 2, weight: 0.5 }, limit: 1 });
    expect(corrected).toEqual([{ id: 'r0', score: 0.9 }]);
    expect([...asked]).toEqual([0]);
  });

  it('compares no pair when it takes nothing off', () => {
    const ranked = [0.9, 0.5].map((score, i) => ({ id: `r${i}`, score }));
    const compare = jest.fn(() => 0.5);
    expect(withoutHubness(ranked, compare, { correction: { neighbours: 3, weight: 0 }, limit: 1 })).toEqual([{ id: 'r0', score: 0.9 }]);
    expect(compare).not.toHaveBeenCalled();
  });

  it('refuses a correction it cannot apply', () => {
    expect(() => withoutHubness([], () => 0, { correction: { neighbours: 0, weight: 0.5 } })).toThrow(/neighbours/);
    expect(() => withoutHubness([], () => 0, { correction: { neighbours: 3, weight: 1.5 } })).toThrow(/weight/);
  });
});
