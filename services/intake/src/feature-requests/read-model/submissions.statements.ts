import type { ProjectionSchema, SqlStatement } from '@frm/projections';
import type { FeatureRequestSubmitted } from '../domain';

/** A submission and the stream revision it came with. */
export interface GatheredSubmission {
  readonly event: FeatureRequestSubmitted;
  readonly revision: string;
}

/**
 * The rows of submissions in one insert, for one event or for those a batch gathered: a request
 * submitted twice keeps its first row.
 */
export function submissionsStatement(submissions: readonly GatheredSubmission[], schema: ProjectionSchema): SqlStatement {
  const first = new Map<string, GatheredSubmission>();
  for (const submission of submissions) if (!first.has(submission.event.featureRequestId)) first.set(submission.event.featureRequestId, submission);
  const rows = [...first.values()].map(({ event, revision }) => ({
    id: event.featureRequestId,
    title: event.title,
    description: event.description,
    category: event.category,
    tags: event.tags,
    author_id: event.authorId,
    supplier_type: event.weddingContext?.supplierType ?? null,
    wedding_date: event.weddingContext?.weddingDate ?? null,
    at: event.occurredAt.toISOString(),
    revision,
  }));
  return {
    sql: `insert into ${schema.table('feature_requests')}
            (id, title, description, category, tags, status, author_id, supplier_type, wedding_date, created_at, updated_at, revision)
          select s.id, s.title, s.description, s.category, array(select jsonb_array_elements_text(s.tags)), 'submitted',
                 s.author_id, s.supplier_type, s.wedding_date, s.at, s.at, s.revision
          from jsonb_to_recordset($1::jsonb) as s(id uuid, title text, description text, category text, tags jsonb,
                 author_id text, supplier_type text, wedding_date text, at timestamptz, revision bigint)
          on conflict (id) do nothing`,
    params: [JSON.stringify(rows)],
  };
}
