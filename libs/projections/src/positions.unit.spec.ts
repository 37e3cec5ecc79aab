import { laterOf } from './positions';

const at = (commit: bigint, prepare: bigint) => ({ commit, prepare });

describe('laterOf', () => {
  it('picks the later position', () => {
    expect(laterOf(at(1n, 9n), at(2n, 1n))).toEqual(at(2n, 1n));
    expect(laterOf(at(2n, 5n), at(2n, 1n))).toEqual(at(2n, 5n));
  });
});
