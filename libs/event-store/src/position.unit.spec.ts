import fc from 'fast-check';
import { comparePositions, formatPosition, lagBetween, parsePosition, START } from './position';

const at = (commit: bigint, prepare: bigint) => ({ commit, prepare });

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

describe('lag between a checkpoint and the head', () => {
  it('is the prepare distance while behind', () => {
    expect(lagBetween(at(5n, 10n), at(9n, 25n))).toBe(15n);
  });

  it('is zero when caught up, or when the store is empty', () => {
    expect(lagBetween(at(9n, 25n), at(9n, 25n))).toBe(0n);
    expect(lagBetween(undefined, undefined)).toBe(0n);
  });

  it('counts from the start when there is no checkpoint yet', () => {
    expect(lagBetween(undefined, at(3n, 40n))).toBe(40n);
  });

  it('is at least 1 while behind, even when a later transaction holds a lower sequence number', () => {
    expect(lagBetween(at(5n, 30n), at(6n, 12n))).toBe(1n);
  });
});
