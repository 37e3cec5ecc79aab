import { fromEsdbCurrentRevision, lastRevisionExpected, toEsdbExpectedRevision } from './expected-revision-mapping';

describe('expected revisions for EventStoreDB', () => {
  it('maps each of our expectations to the client’s', () => {
    expect(toEsdbExpectedRevision('any')).toBe('any');
    expect(toEsdbExpectedRevision('no_stream')).toBe('no_stream');
    expect(toEsdbExpectedRevision('stream_exists')).toBe('stream_exists');
    expect(toEsdbExpectedRevision(0n)).toBe(0n);
    expect(toEsdbExpectedRevision(2n ** 62n)).toBe(2n ** 62n);
  });

  it('refuses a negative revision instead of sending it', () => {
    expect(() => toEsdbExpectedRevision(-1n)).toThrow(RangeError);
  });

  it('reads the current revision back, with a missing stream as "none"', () => {
    expect(fromEsdbCurrentRevision('no_stream')).toBe('none');
    expect(fromEsdbCurrentRevision(7n)).toBe(7n);
  });

  it('knows which revision the last event must have', () => {
    expect(lastRevisionExpected('no_stream')).toBe(-1n);
    expect(lastRevisionExpected(3n)).toBe(3n);
  });
});
