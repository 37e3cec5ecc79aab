import { parseTailStart } from './tail-start';

describe('parseTailStart', () => {
  it('reads start, end and a position', () => {
    expect(parseTailStart('start')).toEqual({ kind: 'start' });
    expect(parseTailStart('end')).toEqual({ kind: 'end' });
    expect(parseTailStart('12/34')).toEqual({ kind: 'after', position: { commit: 12n, prepare: 34n } });
  });

  it('refuses anything else, naming the forms it takes', () => {
    expect(() => parseTailStart('12')).toThrow(/--from "12" is not start, end or a position <commit>\/<prepare>/);
  });
});
