import type { ProjectionSchema, SqlStatement } from '@frm/projections';
import { FEATURE_REQUEST_COLUMNS, type FeatureRequestRow } from '../../feature-request.messages';
import type { FeatureRequestFilter } from './feature-request-filter';

/**
 * The sort keys of each order, all descending, ending with the unique id: a page continues after
 * the last row's key, so rows added meanwhile never shift a page. `trending` ranks by the trend
 * triage scores with (votes decayed by FRM_TREND_HALF_LIFE): at any time after the latest vote,
 * every request's trend is its exact `trend_sum` times one common factor, so the order of the sums
 * is the order of the trends; `trend_rank` is that sum cut to a size a page token can carry.
 */
const SORT_KEYS = {
  new: [
    ['created_at', 'timestamptz'],
    ['id', 'uuid'],
  ],
  trending: [
    ['trend_rank', 'numeric'],
    ['created_at', 'timestamptz'],
    ['id', 'uuid'],
  ],
  top: [
    ['vote_count', 'bigint'],
    ['created_at', 'timestamptz'],
    ['id', 'uuid'],
  ],
} as const;

export function sortKeyLength(filter: FeatureRequestFilter): number {
  return SORT_KEYS[filter.sort].length;
}

/** A row as the list selects it: the request, and its trend rank for the cursor. */
export type ListedFeatureRequestRow = FeatureRequestRow & { trend_cursor: string };

/** The cursor values of a selected row, in sort-key order. */
export function sortKeyOf(
  filter: FeatureRequestFilter,
  row: Pick<ListedFeatureRequestRow, 'id' | 'vote_count' | 'created_cursor' | 'trend_cursor'>,
): string[] {
  const value = { id: row.id, vote_count: row.vote_count, created_at: row.created_cursor, trend_rank: row.trend_cursor };
  return SORT_KEYS[filter.sort].map(([column]) => value[column]);
}

/** One page of rows (plus one, to tell whether another page follows) after `after`. */
export function listFeatureRequestsSql(
  schema: ProjectionSchema,
  filter: FeatureRequestFilter,
  after: readonly string[] | undefined,
  limit: number,
): SqlStatement {
  const params: unknown[] = [];
  const param = (value: unknown, type: string) => {
    params.push(value);
    return `$${params.length}::${type}`;
  };
  const conditions: string[] = [
    filter.statuses.length > 0 ? `status = any(${param(filter.statuses, 'text[]')})` : `status <> 'merged'`,
  ];
  if (filter.category !== undefined) conditions.push(`category = ${param(filter.category, 'text')}`);
  if (filter.tag !== undefined) conditions.push(`tags @> array[${param(filter.tag, 'text')}]`);
  if (filter.authorId !== undefined) conditions.push(`author_id = ${param(filter.authorId, 'text')}`);
  if (filter.query !== undefined) conditions.push(`search @@ websearch_to_tsquery('english', ${param(filter.query, 'text')})`);
  const keys = SORT_KEYS[filter.sort];
  if (after !== undefined) {
    const columns = keys.map(([column]) => column).join(', ');
    const values = keys.map(([, type], index) => param(after[index], type)).join(', ');
    conditions.push(`(${columns}) < (${values})`);
  }
  // Qualified: unqualified, ORDER BY would take the selected text aliases (`vote_count::text as
  // vote_count`) and sort numbers as text, without the index.
  const order = keys.map(([column]) => `fr.${column} desc`).join(', ');
  return {
    sql: `select ${FEATURE_REQUEST_COLUMNS}, fr.trend_rank::text as trend_cursor from ${schema.table('feature_requests')} as fr
          where ${conditions.join(' and ')}
          order by ${order}
          limit ${param(limit + 1, 'integer')}`,
    params,
  };
}

/** Where requests stand now in the sorts votes move: their counted votes, `trending` rank and creation time. */
export function votedPositionsSql(schema: ProjectionSchema, featureRequestIds: readonly string[]): SqlStatement {
  return {
    sql: `select vote_count::text as vote_count, trend_rank::text as trend_rank, (extract(epoch from created_at) * 1000)::float8 as created_at_ms
          from ${schema.table('feature_requests')} where id = any($1::uuid[])`,
    params: [featureRequestIds],
  };
}
