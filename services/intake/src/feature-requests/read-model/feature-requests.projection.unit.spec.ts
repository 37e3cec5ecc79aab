import { START, type RecordedEvent } from '@frm/event-store';
import { projectionSchema } from '@frm/projections';
import { DEFAULT_TREND_HALF_LIFE_MS, trendTermOf } from '@frm/trend';
import { encodeEvent } from '../event-codec/feature-request-event.codec';
import { featureRequestsProjection, featureRequestsProjectionFor } from './feature-requests.projection';

const schema = projectionSchema('read_model');
const FEATURE_REQUEST_ID = 'a4d2c7e0-1b8f-4c3e-9d6a-5e7f8a9b0c1d';

function recorded(stored: { type: string; data: RecordedEvent['data'] }, revision: bigint): RecordedEvent {
  return { id: 'e', ...stored, metadata: {}, streamId: `feature-request-${FEATURE_REQUEST_ID}`, revision, position: START, recordedAt: new Date(0) };
}

describe('the feature_requests projection', () => {
  it('writes only to its own schema, guarding every update with the stream revision', () => {
    const statements = featureRequestsProjection.handle(
      recorded(
        encodeEvent({
          type: 'FeatureRequestStatusChanged',
          featureRequestId: FEATURE_REQUEST_ID,
          occurredAt: new Date('2026-05-01T10:00:00Z'),
          actorId: 'x',
          from: 'submitted',
          to: 'under_review',
          reason: 'Soon',
        }),
        3n,
      ),
      schema,
    );
    expect(statements).toHaveLength(1);
    expect(statements[0]?.sql).toContain('"read_model"."feature_requests"');
    expect(statements[0]?.sql).toContain('revision < $2');
    expect(statements[0]?.params).toEqual([FEATURE_REQUEST_ID, '3', 'under_review', 'Soon', 'x', '2026-05-01T10:00:00.000Z']);
  });

  it('redacts what an erased subject wrote: their requests, the reasons they gave, their comments', () => {
    const subjectId = 'c0ffee00-1b8f-4c3e-9d6a-5e7f8a9b0c1d';
    const statements = featureRequestsProjection.handle(
      { ...recorded({ type: 'frm.events.v1.SubjectErased', data: { subjectId, occurredAt: '2026-05-01T10:00:00Z', certificateId: 'c', keyId: 'k' } }, 0n), streamId: `data-subject-${subjectId}` },
      schema,
    );
    expect(statements.map((statement) => statement.sql.replace(/\s+/g, ' '))).toEqual([
      'update "read_model"."feature_requests" set title = $2, description = $2 where author_id = $1',
      'update "read_model"."feature_requests" set status_reason = $2 where status_reason_by = $1 and status_reason <> \'\'',
      'update "read_model"."comments" set body = $2 where author_id = $1',
    ]);
    for (const statement of statements) expect(statement.params).toEqual([subjectId, '[erased]']);
  });

  it('adds up the vote events\' tally effects into the request\'s vote counts and trend, and skips events that change nothing', () => {
    const voteId = 'b1f0c3a2-0000-4000-8000-000000000001';
    const voteEvent = (type: string, counted: string, weighted: number) =>
      recorded({ type, data: { voteId, featureRequestId: FEATURE_REQUEST_ID, voterId: 'v', occurredAt: '2026-05-01T10:00:00.123456789Z', tallyEffect: { counted, weighted } } }, 0n);
    const cast = featureRequestsProjection.handle(voteEvent('frm.events.v1.VoteCast', '1', 0.5), schema);
    expect(cast.map((statement) => statement.sql.replace(/\s+/g, ' ').slice(0, 40))).toEqual([
      'insert into "read_model"."vote_terms" (v',
      'update "read_model"."vote_terms" set cou',
      'update "read_model"."feature_requests" s',
    ]);
    // The term of the vote's own time, to the millisecond; no vote it continues.
    expect(cast[0]?.params).toEqual([voteId, FEATURE_REQUEST_ID, trendTermOf(DEFAULT_TREND_HALF_LIFE_MS, Date.UTC(2026, 4, 1, 10, 0, 0, 123)).toString(), '']);
    expect(cast[2]?.sql).toContain('vote_count = vote_count + $2');
    expect(cast[2]?.sql).toContain('trend_sum = trend_sum + $2::bigint * coalesce((select term from "read_model"."vote_terms" where vote_id = $4), 0)');
    expect(cast[2]?.params).toEqual([FEATURE_REQUEST_ID, '1', 0.5, voteId]);
    expect(featureRequestsProjection.handle(voteEvent('frm.events.v1.VoteFlagged', '-1', -0.5), schema).map((statement) => statement.params)).toEqual([
      [voteId, -1],
      [FEATURE_REQUEST_ID, '-1', -0.5, voteId],
    ]);
    expect(featureRequestsProjection.handle(voteEvent('frm.events.v1.VoteReviewed', '0', 0), schema)).toEqual([]);
    expect(featureRequestsProjection.handle(voteEvent('frm.events.v1.VoteTeleported', '1', 1), schema)).toEqual([]);
  });

  it('records a vote cast without counting (held for review) so that a later clearance adds its term', () => {
    const held = featureRequestsProjection.handle(
      recorded({ type: 'frm.events.v1.VoteCast', data: { voteId: 'b1f0c3a2-0000-4000-8000-000000000002', featureRequestId: FEATURE_REQUEST_ID, voterId: 'v', occurredAt: '2026-05-01T10:00:00Z', tallyEffect: { counted: '0', weighted: 0 } } }, 0n),
      schema,
    );
    expect(held).toHaveLength(1);
    expect(held[0]?.sql).toContain('"read_model"."vote_terms"');
  });

  it('makes the trend terms with the half-life it is given, and keeps that half-life in its settings', () => {
    const halfLife = 2 * 86_400_000;
    const ddl = featureRequestsProjectionFor(halfLife).schemaSql(schema).join('\n');
    expect(ddl).toContain(`insert into "read_model"."settings" (trend_half_life_ms) values (${halfLife})`);
    expect(featureRequestsProjectionFor(DEFAULT_TREND_HALF_LIFE_MS)).toBe(featureRequestsProjection);
    const cast = featureRequestsProjectionFor(halfLife).handle(
      recorded({ type: 'frm.events.v1.VoteCast', data: { voteId: 'b1f0c3a2-0000-4000-8000-000000000003', featureRequestId: FEATURE_REQUEST_ID, voterId: 'v', occurredAt: '2026-05-01T10:00:00Z', tallyEffect: { counted: '1', weighted: 1 } } }, 0n),
      schema,
    );
    expect(cast[0]?.params?.[2]).toBe(trendTermOf(halfLife, Date.UTC(2026, 4, 1, 10)).toString());
  });

  it('passes over event types it does not know', () => {
    expect(featureRequestsProjection.handle(recorded({ type: 'frm.events.v1.FeatureRequestTeleported', data: {} }, 0n), schema)).toEqual([]);
  });

  it('names its tables through the schema it is given, so a rebuild can build elsewhere', () => {
    const ddl = featureRequestsProjection.schemaSql(projectionSchema('shadow_copy')).join('\n');
    expect(ddl).toContain('"shadow_copy"."feature_requests"');
    expect(ddl).toContain('"shadow_copy"."comments"');
    expect(ddl).toContain('"shadow_copy"."vote_terms"');
    expect(ddl).toContain('"shadow_copy"."settings"');
    expect(ddl).not.toContain('read_model');
  });
});
