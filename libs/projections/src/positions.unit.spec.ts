import { lagBetween, laterOf } from './positions';

const at = (commit: bigint, prepare: bigint) => ({ commit, prepare });

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

describe('laterOf', () => {
  it('picks the later position', () => {
    expect(laterOf(at(1n, 9n), at(2n, 1n))).toEqual(at(2n, 1n));
    expect(laterOf(at(2n, 5n), at(2n, 1n))).toEqual(at(2n, 5n));
  });
});
