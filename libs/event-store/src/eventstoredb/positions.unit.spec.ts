import { fromEsdbPosition, isAfter, laterOf, toEsdbPosition, toReadPosition } from './positions';

describe('EventStoreDB positions', () => {
  it('maps commit and prepare positions one to one', () => {
    const position = { commit: 12_345n, prepare: 12_300n };
    expect(fromEsdbPosition(position)).toEqual(position);
    expect(toEsdbPosition(position)).toEqual(position);
    expect(fromEsdbPosition(position)).not.toBe(position);
  });

  it('starts reads from the start, the end, or a position', () => {
    expect(toReadPosition(undefined)).toBe('start');
    expect(toReadPosition({ commit: 0n, prepare: 0n })).toBe('start');
    expect(toReadPosition('end')).toBe('end');
    expect(toReadPosition({ commit: 5n, prepare: 5n })).toEqual({ commit: 5n, prepare: 5n });
  });

  it('treats the start position as exclusive', () => {
    const after = { commit: 10n, prepare: 10n };
    expect(isAfter({ commit: 10n, prepare: 10n }, after)).toBe(false);
    expect(isAfter({ commit: 9n, prepare: 20n }, after)).toBe(false);
    expect(isAfter({ commit: 10n, prepare: 11n }, after)).toBe(true);
    expect(isAfter({ commit: 0n, prepare: 0n }, undefined)).toBe(true);
  });

  it('keeps the later of two positions', () => {
    const early = { commit: 1n, prepare: 1n };
    const late = { commit: 2n, prepare: 0n };
    expect(laterOf(undefined, early)).toBe(early);
    expect(laterOf(early, late)).toBe(late);
    expect(laterOf(late, early)).toBe(late);
  });
});
