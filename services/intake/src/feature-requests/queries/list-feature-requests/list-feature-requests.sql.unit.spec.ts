import { projectionSchema } from '@frm/projections';
import type { FeatureRequestFilter } from './feature-request-filter';
import { listFeatureRequestsSql } from './list-feature-requests.sql';

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
});
