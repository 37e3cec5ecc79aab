import { quoteIdent } from '@frm/postgres';
import { GENESIS_HASH } from '../entry/audit-entry';

export const AUDIT_TABLE = 'audit_entries';

/**
 * The audit table, the trigger that makes it append-only, and the append function, in one schema.
 * Safe to run again and by several processes at once (the advisory lock serialises the DDL).
 */
export function auditLogSchemaSql(schema: string): string {
  const s = quoteIdent(schema);
  const table = `${s}.${AUDIT_TABLE}`;
  return `
select pg_advisory_xact_lock(hashtext('frm.audit.schema'), hashtext(${literal(schema)}));
create schema if not exists ${s};
create table if not exists ${table} (
  log text not null,
  sequence bigint not null check (sequence > 0),
  entry_id uuid not null,
  recorded_at timestamptz not null check (recorded_at = date_trunc('milliseconds', recorded_at)),
  actor_id text not null,
  action text not null,
  target_type text not null,
  target_id text not null,
  reason text not null,
  detail jsonb not null,
  previous_hash text not null check (previous_hash ~ '^[0-9a-f]{64}$'),
  hash text not null check (hash ~ '^[0-9a-f]{64}$'),
  constraint audit_entries_pkey primary key (log, sequence),
  constraint audit_entries_entry_id_key unique (entry_id)
);

-- Statement-level, so that even an UPDATE or DELETE matching no row is refused, and TRUNCATE too.
create or replace function ${s}.refuse_audit_change() returns trigger
language plpgsql as $fn$
begin
  raise exception 'audit log append-only rule: % on %.% is refused', tg_op, tg_table_schema, tg_table_name
    using detail = 'Audit entries are never changed or removed: each is hash-chained to the one before it.',
          hint = 'Record a new audit entry that corrects or supersedes it; to archive entries past the 7-year retention, see libs/audit/README.md.';
end
$fn$;
create or replace trigger audit_entries_append_only
  before update or delete or truncate on ${table}
  for each statement execute function ${s}.refuse_audit_change();

-- One round trip per append. The lock (per schema, so it also covers entry ids across logs) makes
-- appends take turns: each reads the head committed by the one before. The primary key would
-- refuse a forked sequence anyway. The first three members of the canonical content are written
-- here exactly as canonicalPrefix() writes them; p_tail is canonicalTail() of the same fields.
create or replace function ${s}.append_audit_entry(
  p_log text, p_entry_id uuid, p_actor_id text, p_action text, p_target_type text, p_target_id text,
  p_reason text, p_detail jsonb, p_tail text
) returns table (appended boolean, entry ${table})
language plpgsql as $fn$
declare
  v_sequence bigint;
  v_previous text;
  v_at timestamptz;
  v_content text;
begin
  perform pg_advisory_xact_lock(hashtext('frm.audit.append'), hashtext(${literal(schema)}));
  return query select false, e from ${table} e where e.entry_id = p_entry_id;
  if found then return; end if;
  -- Taken after the lock: in read committed each statement sees what committed before it.
  v_at := date_trunc('milliseconds', clock_timestamp());
  select e.sequence, e.hash into v_sequence, v_previous
    from ${table} e where e.log = p_log order by e.sequence desc limit 1;
  v_sequence := coalesce(v_sequence, 0) + 1;
  v_previous := coalesce(v_previous, '${GENESIS_HASH}');
  v_content := '{"sequence":' || v_sequence || ',"previousHash":"' || v_previous || '","recordedAt":"'
    || to_char(v_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '",' || p_tail;
  return query insert into ${table} as e
    values (p_log, v_sequence, p_entry_id, v_at, p_actor_id, p_action, p_target_type, p_target_id, p_reason, p_detail,
            v_previous, encode(sha256(convert_to(v_content, 'UTF8')), 'hex'))
    returning true, e;
end
$fn$;
`;
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
