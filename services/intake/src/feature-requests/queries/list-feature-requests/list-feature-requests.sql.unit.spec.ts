import { projectionSchema } from '@frm/projections';
import type { FeatureRequestFilter } from './feature-request-filter';
import { listFeatureRequestsSql, sortKeyOf } from './list-feature-requests.sql';

const filter = (sort: FeatureRequestFilter['sort']): FeatureRequestFilter => ({
  statuses: [],
  category: undefined,
  tag: undefined,
  authorId: undefined,
  query: undefined,
  sort,
});

describe('the list query', () => {
  it('orders by the table’s columns, not by the text the select turns them into', () => {
    // `vote_count::text as vote_count` in the select list would otherwise win: "9" would rank above
    // "10", and the (vote_count, created_at, id) index could not serve the page.
    const { sql } = listFeatureRequestsSql(projectionSchema('projection_feature_requests'), filter('top'), undefined, 20);
    expect(sql).toMatch(/order by fr\.vote_count desc, fr\.created_at desc, fr\.id desc/);
  });

  it('continues a page after the last row’s sort key, with one row more to tell whether another page follows', () => {
    const { sql, params } = listFeatureRequestsSql(
      projectionSchema('projection_feature_requests'),
      filter('new'),
      ['2026-11-26T07:00:00.000000Z', '4f0c6a53-3f7e-4d8e-9d0a-6b7e2a0c9e51'],
      20,
    );
    expect(sql).toMatch(/\(created_at, id\) < \(\$1::timestamptz, \$2::uuid\)/);
    expect(params).toEqual(['2026-11-26T07:00:00.000000Z', '4f0c6a53-3f7e-4d8e-9d0a-6b7e2a0c9e51', 21]);
  });

  it('ranks trending by the trend, then newest, and continues after the last row’s trend rank', () => {
    const rank = '3' + '0'.repeat(40);
    const { sql, params } = listFeatureRequestsSql(
      projectionSchema('projection_feature_requests'),
      filter('trending'),
      [rank, '2026-11-26T07:00:00.000000Z', '4f0c6a53-3f7e-4d8e-9d0a-6b7e2a0c9e51'],
      20,
    );
    expect(sql).toMatch(/order by fr\.trend_rank desc, fr\.created_at desc, fr\.id desc/);
    expect(sql).toMatch(/\(trend_rank, created_at, id\) < \(\$1::numeric, \$2::timestamptz, \$3::uuid\)/);
    expect(params).toEqual([rank, '2026-11-26T07:00:00.000000Z', '4f0c6a53-3f7e-4d8e-9d0a-6b7e2a0c9e51', 21]);
  });

  it('takes each sort’s cursor from the row: the trend rank only for trending', () => {
    const row = { id: 'r', vote_count: '7', created_cursor: '2026-11-26T07:00:00.000000Z', trend_cursor: '42' };
    expect(sortKeyOf(filter('trending'), row)).toEqual(['42', '2026-11-26T07:00:00.000000Z', 'r']);
    expect(sortKeyOf(filter('top'), row)).toEqual(['7', '2026-11-26T07:00:00.000000Z', 'r']);
    expect(sortKeyOf(filter('new'), row)).toEqual(['2026-11-26T07:00:00.000000Z', 'r']);
  });
});
