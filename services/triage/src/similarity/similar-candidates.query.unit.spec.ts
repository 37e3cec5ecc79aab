import { similarCandidatesParams, similarCandidatesSql } from './similar-candidates.query';

const tables = { requests: '"read"."requests"', vectors: '"derived".vectors' };

describe('similarCandidatesParams', () => {
  it('gives the tsqueries of all, two and any words, the title without boilerplate, the limits and the seq', () => {
    const text = { title: '[Feature]: Guests upload photos', description: '' };
    expect(similarCandidatesParams(text, { wanted: 50, pool: 200 })).toEqual([
      'guests & upload & photos',
      '(guests & upload) | (guests & photos) | (upload & photos)',
      'guests | upload | photos',
      'Guests upload photos',
      50,
      200,
    ]);
    expect(similarCandidatesParams(text, { wanted: 1, pool: 10 }, '42')).toHaveLength(7);
  });
});

describe('similarCandidatesSql', () => {
  it('reads requests now, merged ones left out, or as first submitted before a seq', () => {
    const now = similarCandidatesSql(tables, false);
    expect(now).toContain(`r.status <> 'FEATURE_REQUEST_STATUS_MERGED'`);
    expect(now).toContain(`to_tsvector('english'::regconfig, r.title) @@ q.pairs`);
    expect(now).not.toContain('original_');
    const asSubmitted = similarCandidatesSql(tables, true);
    expect(asSubmitted).toContain('r.seq < $7::bigint');
    expect(asSubmitted).toContain('r.original_search @@ q.every');
    expect(asSubmitted).not.toMatch(/r\.(title|search|description|text_hash)\b/);
  });
});
