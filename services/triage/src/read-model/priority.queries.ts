import type { SqlQueryable } from '@frm/postgres';
import type { ProjectionSchema } from '@frm/projections';
import type { PriorityRow } from '../priority/priority-of-row';
import type { DerivedTables } from '../embeddings/derived-tables';

export interface RankingRow extends PriorityRow {
  readonly title: string;
  readonly category: string;
  readonly status: string;
  readonly duplicate_of: string | null;
  readonly duplicate_score: number | null;
}

/** Requests that still wait for a decision or for delivery: what the product team ranks. */
export const OPEN_STATUSES = ['FEATURE_REQUEST_STATUS_SUBMITTED', 'FEATURE_REQUEST_STATUS_UNDER_REVIEW', 'FEATURE_REQUEST_STATUS_PLANNED', 'FEATURE_REQUEST_STATUS_IN_PROGRESS'];

function selectRows(schema: ProjectionSchema, derived: DerivedTables, where: string, reachWhere = ''): string {
  return `select r.id, r.title, r.category, r.status, r.counted_votes::text as counted_votes, r.trusted_weight::text as trusted_weight,
                 r.trend_sum::text as trend_sum, r.rice_reach, r.rice_impact, r.rice_confidence, r.rice_effort, r.affects_wedding_day,
                 coalesce(x.supplier_types, 0)::text as supplier_types, coalesce(x.couples, 0)::text as couples,
                 m.duplicate_of, m.score as duplicate_score, coalesce(z.weights, '{}'::jsonb) as weight_by_zone
          from ${schema.table('requests')} r
          left join (
            select feature_request_id,
                   count(*) filter (where supplier_type <> '' and voters > 0) as supplier_types,
                   coalesce(sum(voters) filter (where supplier_type = ''), 0) as couples
            from ${schema.table('reach')} ${reachWhere} group by feature_request_id
          ) x on x.feature_request_id = r.id
          left join (
            -- Exact sums as text, so the digits reach the score as stored.
            select feature_request_id, jsonb_object_agg(time_zone, trusted_weight::text) as weights
            from ${schema.table('zone_weights')} ${reachWhere} group by feature_request_id
          ) z on z.feature_request_id = r.id
          left join ${derived.marks} m on m.request_id = r.id
          where ${where}`;
}

export async function priorityRowOf(db: SqlQueryable, schema: ProjectionSchema, derived: DerivedTables, id: string): Promise<RankingRow | undefined> {
  const [row] = await db.query<RankingRow>(selectRows(schema, derived, 'r.id = $1', 'where feature_request_id = $1'), [id]);
  return row;
}

export function openRequestRows(db: SqlQueryable, schema: ProjectionSchema, derived: DerivedTables): Promise<RankingRow[]> {
  return db.query<RankingRow>(selectRows(schema, derived, 'r.status = any($1::text[])'), [OPEN_STATUSES]);
}
