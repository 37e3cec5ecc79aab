import { quoteIdent } from '@frm/postgres';

/**
 * The event store's tables and its append function, all inside one schema.
 *
 * Global order is (transaction_id, global_position): readers only take rows whose transaction id
 * is below the oldest transaction still running (`pg_snapshot_xmin`), so a transaction that commits
 * late can never slip in behind a position a reader has already passed.
 */
export function eventStoreSchemaSql(schema: string): string {
  const s = quoteIdent(schema);
  return `
select pg_advisory_xact_lock(hashtext('frm.event-store.schema:' || ${literal(schema)}));
create schema if not exists ${s};
create table if not exists ${s}.events (
  global_position bigint generated always as identity primary key,
  transaction_id xid8 not null default pg_current_xact_id(),
  event_id uuid not null,
  stream_id text not null,
  stream_revision bigint not null,
  event_type text not null,
  data jsonb not null,
  metadata jsonb not null default '{}'::jsonb,
  recorded_at timestamptz not null default now(),
  constraint events_event_id_key unique (event_id),
  constraint events_stream_revision_key unique (stream_id, stream_revision)
);
create index if not exists events_global_order on ${s}.events (transaction_id, global_position);

-- One round trip per append. The unique (stream_id, stream_revision) index is the concurrency
-- check: of two writers that read the same revision, the second one's insert fails. Event ids are
-- looked at only when needed: a retry either fails the revision check or inserts nothing.
create or replace function ${s}.append_to_stream(p_stream_id text, p_expected text, p_events jsonb)
returns table (outcome text, revision bigint, commit_position text, prepare_position bigint)
language plpgsql as $fn$
#variable_conflict use_column
declare
  v_count integer := jsonb_array_length(p_events);
  v_current bigint;
  v_inserted integer;
  v_last bigint;
begin
  select max(e.stream_revision) into v_current from ${s}.events e where e.stream_id = p_stream_id;
  if (p_expected = 'no_stream' and v_current is not null)
     or (p_expected = 'stream_exists' and v_current is null)
     or (p_expected not in ('any', 'no_stream', 'stream_exists') and v_current is distinct from p_expected::bigint) then
    return query select * from ${s}.earlier_append(p_stream_id, p_events, v_current);
    return;
  end if;

  with inserted as (
    insert into ${s}.events (event_id, stream_id, stream_revision, event_type, data, metadata)
    select (e.value->>'id')::uuid, p_stream_id, coalesce(v_current, -1) + e.ordinality, e.value->>'type',
           e.value->'data', coalesce(e.value->'metadata', '{}'::jsonb)
    from jsonb_array_elements(p_events) with ordinality e
    on conflict (event_id) do nothing
    returning global_position
  )
  select count(*), max(global_position) into v_inserted, v_last from inserted;

  if v_inserted = v_count then
    return query select 'appended'::text, coalesce(v_current, -1) + v_count, pg_current_xact_id()::text, v_last;
  elsif v_inserted = 0 then
    return query select * from ${s}.earlier_append(p_stream_id, p_events, v_current);
  else
    -- Some ids were new and some not: undo the part written.
    raise exception 'event ids reused' using errcode = 'P0001', hint = 'frm:event_id_reused';
  end if;
end
$fn$;

-- Why an append could not go ahead: it is a retry of an append already written (its result is
-- returned), it reuses ids of another append, or another writer moved the stream first.
create or replace function ${s}.earlier_append(p_stream_id text, p_events jsonb, p_current bigint)
returns table (outcome text, revision bigint, commit_position text, prepare_position bigint)
language plpgsql as $fn$
#variable_conflict use_column
declare
  v_ids uuid[] := array(select (e->>'id')::uuid from jsonb_array_elements(p_events) e);
  v_found integer;
  v_elsewhere boolean;
begin
  select count(*), bool_or(e.stream_id <> p_stream_id) into v_found, v_elsewhere
    from ${s}.events e where e.event_id = any(v_ids);
  if v_found = 0 then
    return query select 'wrong_expected_revision'::text, p_current, null::text, null::bigint;
  elsif v_found = jsonb_array_length(p_events) and not v_elsewhere then
    return query
      select 'duplicate'::text, e.stream_revision, e.transaction_id::text, e.global_position
      from ${s}.events e where e.event_id = any(v_ids)
      order by e.stream_revision desc limit 1;
  else
    return query select 'event_id_reused'::text, null::bigint, null::text, null::bigint;
  end if;
end
$fn$;
`;
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
