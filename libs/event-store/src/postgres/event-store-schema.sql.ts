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
create table if not exists ${s}.streams (
  stream_id text primary key,
  revision bigint not null
);
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

-- One round trip per append: idempotency check, optimistic concurrency and insert together.
create or replace function ${s}.append_to_stream(p_stream_id text, p_expected text, p_events jsonb)
returns table (outcome text, revision bigint, commit_position text, prepare_position bigint)
language plpgsql as $fn$
#variable_conflict use_column
declare
  v_count integer := jsonb_array_length(p_events);
  v_ids uuid[] := array(select (e->>'id')::uuid from jsonb_array_elements(p_events) e);
  v_existing integer;
  v_next bigint;
  v_last bigint;
begin
  select count(*) into v_existing from ${s}.events where event_id = any(v_ids);
  if v_existing > 0 then
    if v_existing = v_count
       and not exists (select 1 from ${s}.events where event_id = any(v_ids) and stream_id <> p_stream_id) then
      return query
        select 'duplicate'::text, e.stream_revision, e.transaction_id::text, e.global_position
        from ${s}.events e where e.event_id = any(v_ids)
        order by e.stream_revision desc limit 1;
    else
      return query select 'event_id_reused'::text, null::bigint, null::text, null::bigint;
    end if;
    return;
  end if;

  if p_expected = 'any' then
    insert into ${s}.streams as st (stream_id, revision) values (p_stream_id, v_count - 1)
      on conflict (stream_id) do update set revision = st.revision + v_count
      returning st.revision into v_next;
  elsif p_expected = 'no_stream' then
    insert into ${s}.streams (stream_id, revision) values (p_stream_id, v_count - 1)
      on conflict (stream_id) do nothing
      returning revision into v_next;
  elsif p_expected = 'stream_exists' then
    update ${s}.streams st set revision = st.revision + v_count where st.stream_id = p_stream_id
      returning st.revision into v_next;
  else
    update ${s}.streams st set revision = st.revision + v_count
      where st.stream_id = p_stream_id and st.revision = p_expected::bigint
      returning st.revision into v_next;
  end if;

  if v_next is null then
    return query select 'wrong_expected_revision'::text, st.revision, null::text, null::bigint
      from (select 1) one left join ${s}.streams st on st.stream_id = p_stream_id;
    return;
  end if;

  with inserted as (
    insert into ${s}.events (event_id, stream_id, stream_revision, event_type, data, metadata)
    select (e.value->>'id')::uuid, p_stream_id, v_next - v_count + e.ordinality, e.value->>'type',
           e.value->'data', coalesce(e.value->'metadata', '{}'::jsonb)
    from jsonb_array_elements(p_events) with ordinality e
    returning global_position
  )
  select max(global_position) into v_last from inserted;

  return query select 'appended'::text, v_next, pg_current_xact_id()::text, v_last;
end
$fn$;
`;
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
