import { hitRatios, type CacheCounts } from './cache-hit-ratio';

describe('the cache figures of a run', () => {
  it('counts a read that waited for another load as a read, not a hit, and lists the database reads by reason', () => {
    const before = new Map<string, CacheCounts>([['lists', { reads: { hit: 10, miss: 5, coalesced: 1, error: 0 }, fills: { miss: 5, refresh: 2 } }]]);
    const after = new Map<string, CacheCounts>([['lists', { reads: { hit: 90, miss: 15, coalesced: 11, error: 0 }, fills: { miss: 15, refresh: 12 } }]]);
    expect(hitRatios(before, after)).toEqual({
      lists: { reads: 100, hitRatio: 0.8, withoutOwnDatabaseRead: 0.9, outcomes: { hit: 80, miss: 10, coalesced: 10, error: 0 }, databaseReads: { miss: 10, refresh: 10 } },
    });
  });
});
