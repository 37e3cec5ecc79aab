import { frmEventsV1, fromStoredEventJson } from '@frm/contracts';
import type { RecordedEvent } from '@frm/event-store';
import type { ProjectionSchema, SqlStatement } from '@frm/projections';
import { occurredAt } from './fan-out.statements';

/**
 * The notifications read model's batch handler: the two kinds of event that come in long runs are
 * folded, every other event goes through `handle` in its place.
 *  - votes cast or moved (most of the history) make their voters follow the request: one upsert for
 *    the run, each (request, person) once;
 *  - edits of requests (an import, a busy product team) set the title and plan the webhook calls:
 *    one update of the titles (the last edit of each request wins, as one by one), one insert of the
 *    plans of every edit of the run, in the events' order.
 * Neither kind reads what the other writes, and a run ends at any other event, so the rows are the
 * ones applying the events one by one leaves — except that a submission, applied in its place, does
 * not end a run of follows: it reads no follower, and its author's follow is the same upsert, so the
 * order of the two does not matter (a history has a submission every hundred votes or so).
 */
export function foldedStatements(
  events: readonly RecordedEvent[],
  schema: ProjectionSchema,
  handle: (recorded: RecordedEvent) => SqlStatement[],
): SqlStatement[] {
  const out: SqlStatement[] = [];
  const follows = new Map<string, { feature_request_id: string; subject_id: string }>();
  let edits: RecordedEvent[] = [];
  const endFollows = () => {
    if (follows.size > 0) out.push(followRunStatement([...follows.values()], schema));
    follows.clear();
  };
  const endEdits = () => {
    if (edits.length > 0) out.push(...editRunStatements(edits, schema));
    edits = [];
  };
  for (const recorded of events) {
    const follow = followOf(recorded);
    if (follow) {
      endEdits();
      follows.set(`${follow.feature_request_id}/${follow.subject_id}`, follow);
    } else if (recorded.type === frmEventsV1.FeatureRequestEdited.$type) {
      endFollows();
      edits.push(recorded);
    } else if (recorded.type === frmEventsV1.FeatureRequestSubmitted.$type) {
      endEdits();
      out.push(...handle(recorded));
    } else {
      endFollows();
      endEdits();
      out.push(...handle(recorded));
    }
  }
  endFollows();
  endEdits();
  return out;
}

function followOf(recorded: RecordedEvent): { feature_request_id: string; subject_id: string } | undefined {
  if (recorded.type === frmEventsV1.VoteCast.$type) {
    const e = fromStoredEventJson(frmEventsV1.VoteCast, recorded.data);
    return { feature_request_id: e.featureRequestId, subject_id: e.voterId };
  }
  if (recorded.type === frmEventsV1.VoteMoved.$type) {
    const e = fromStoredEventJson(frmEventsV1.VoteMoved, recorded.data);
    return { feature_request_id: e.targetFeatureRequestId, subject_id: e.voterId };
  }
  return undefined;
}

function followRunStatement(follows: ReadonlyArray<{ feature_request_id: string; subject_id: string }>, schema: ProjectionSchema): SqlStatement {
  const followers = schema.table('followers');
  return {
    sql: `insert into ${followers} (feature_request_id, subject_id, auto)
          select feature_request_id, subject_id, true from jsonb_to_recordset($1::jsonb) as f(feature_request_id uuid, subject_id text)
          on conflict (feature_request_id, subject_id) do update set auto = true`,
    params: [JSON.stringify(follows)],
  };
}

function editRunStatements(edits: readonly RecordedEvent[], schema: ProjectionSchema): SqlStatement[] {
  const requests = schema.table('requests');
  const titles = new Map<string, string>();
  const planned = edits.map((recorded) => {
    const e = fromStoredEventJson(frmEventsV1.FeatureRequestEdited, recorded.data);
    if (e.title !== undefined && e.title !== null) titles.set(e.featureRequestId, e.title);
    return { event_id: recorded.id, event_type: recorded.type, feature_request_id: e.featureRequestId, occurred_at: occurredAt(recorded) };
  });
  const statements: SqlStatement[] = [];
  if (titles.size > 0) {
    statements.push({
      sql: `update ${requests} r set title = t.title from jsonb_to_recordset($1::jsonb) as t(id uuid, title text) where r.id = t.id`,
      params: [JSON.stringify([...titles].map(([id, title]) => ({ id, title })))],
    });
  }
  statements.push({
    // As webhookPlan, for every edit of the run in its order: an edit changes no request's status.
    sql: `insert into ${schema.table('fan_out_plans')} (event_id, event_type, feature_request_id, occurred_at, webhook_ids, webhook_status)
          select e.event_id, e.event_type, e.feature_request_id, e.occurred_at::timestamptz, h.ids, coalesce(r.status, '')
          from jsonb_to_recordset($1::jsonb) as e(n integer, event_id uuid, event_type text, feature_request_id uuid, occurred_at text)
          cross join lateral (select array_agg(w.id order by w.id) as ids from ${schema.table('webhooks')} w
                              where w.enabled and (cardinality(w.event_types) = 0 or e.event_type = any(w.event_types))) h
          left join ${requests} r on r.id = e.feature_request_id
          where h.ids is not null
          order by e.n`,
    params: [JSON.stringify(planned.map((plan, n) => ({ ...plan, n })))],
  });
  return statements;
}
