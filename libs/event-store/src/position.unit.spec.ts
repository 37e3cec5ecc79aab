import fc from 'fast-check';
import { comparePositions, formatPosition, parsePosition, START } from './position';

describe('positions', () => {
  it('orders by commit, then by prepare', () => {
    expect(comparePositions({ commit: 1n, prepare: 9n }, { commit: 2n, prepare: 1n })).toBe(-1);
    expect(comparePositions({ commit: 2n, prepare: 1n }, { commit: 2n, prepare: 3n })).toBe(-1);
    expect(comparePositions({ commit: 2n, prepare: 3n }, { commit: 2n, prepare: 3n })).toBe(0);
    expect(comparePositions({ commit: 3n, prepare: 0n }, START)).toBe(1);
  });

  it('parses what it formats', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 63n }), fc.bigInt({ min: 0n, max: 2n ** 63n }), (commit, prepare) => {
        expect(parsePosition(formatPosition({ commit, prepare }))).toEqual({ commit, prepare });
      }),
    );
  });

  it('explains a malformed position', () => {
    expect(() => parsePosition('12')).toThrow('expected "<commit>/<prepare>"');
    expect(() => parsePosition('-1/2')).toThrow(RangeError);
  });
});
