import { quoteIdent, type SqlQueryable } from '@frm/postgres';

/** Where the delivery log lives when the read model has the default schema. */
export const DEFAULT_DELIVERY_LOG_SCHEMA = 'notification_delivery';

/** The delivery log of a read model in `readModelSchema` (absent: the default one). */
export function deliveryLogSchemaFor(readModelSchema: string | undefined): string {
  return readModelSchema ? `${readModelSchema}_delivery` : DEFAULT_DELIVERY_LOG_SCHEMA;
}

/** A delivery's life: `pending` → `sending` → `sent`, or through `retrying`/`deferred` back to `sending`, or to `dead`/`suppressed`. */
export type DeliveryStatus = 'pending' | 'sending' | 'retrying' | 'deferred' | 'sent' | 'dead' | 'suppressed';
export const OPEN_STATUSES = ['pending', 'sending', 'retrying', 'deferred'] as const;
const OPEN = `('pending', 'sending', 'retrying', 'deferred')`;

/** The log's tables, by name. */
export function deliveryLogTables(schema: string) {
  const s = quoteIdent(schema);
  return { state: `${s}.delivery_state`, attempts: `${s}.delivery_attempts`, digests: `${s}.digests`, webhookHealth: `${s}.webhook_health` };
}

/**
 * The delivery log: what became of each planned delivery. It is kept apart from the notifications
 * read model on purpose: a rebuild of the read model plans the same deliveries again, with the same
 * ids, and finds them here already sent. Created if missing by every copy of the read model.
 */
export function deliveryLogSchemaSql(schema: string): string[] {
  const t = deliveryLogTables(schema);
  return [
    `create schema if not exists ${quoteIdent(schema)}`,
    `create table if not exists ${t.state} (
       delivery_id uuid primary key,
       channel text not null,
       recipient_id text not null,
       status text not null,
       attempts integer not null default 0,
       -- pending: -infinity (due at once, whatever the clocks say); sending: the end of the sender's lease; retrying, deferred: the next attempt.
       due_at timestamptz not null,
       occurred_at timestamptz not null,
       last_error text not null default '',
       digest_id uuid,
       updated_at timestamptz not null
     )`,
    `create index if not exists delivery_state_due on ${t.state} (channel, due_at) where status in ${OPEN}`,
    `create index if not exists delivery_state_order on ${t.state} (recipient_id, channel, occurred_at, delivery_id) where status in ${OPEN}`,
    `create table if not exists ${t.attempts} (
       delivery_id uuid not null,
       attempt integer not null,
       at timestamptz not null,
       status_code integer not null default 0,
       error text not null default '',
       duration_ms integer not null default 0,
       primary key (delivery_id, attempt)
     )`,
    `create table if not exists ${t.digests} (
       id uuid primary key,
       recipient_id text not null,
       period text not null,
       period_end timestamptz not null,
       built_at timestamptz not null
     )`,
    `create table if not exists ${t.webhookHealth} (
       webhook_id uuid primary key,
       consecutive_dead integer not null default 0,
       last_delivered_at timestamptz,
       disabled boolean not null default false
     )`,
  ];
}

/** Admits the deliveries an event planned into the log as `pending` (statement of the read model's batch). */
export function admitPlannedSql(schema: string, deliveriesTable: string): string {
  return `insert into ${deliveryLogTables(schema).state} (delivery_id, channel, recipient_id, status, due_at, occurred_at, updated_at)
          select d.id, d.channel, d.recipient_id, 'pending', '-infinity'::timestamptz, d.occurred_at, d.occurred_at
          from ${deliveriesTable} d where d.event_id = $1
          on conflict (delivery_id) do nothing`;
}

/** An erased person's open deliveries end unsent (statement of the read model's batch). */
export function suppressRecipientSql(schema: string): string {
  return `update ${deliveryLogTables(schema).state} set status = 'suppressed', last_error = 'the recipient was erased'
          where recipient_id = $1 and status in ${OPEN}`;
}

export interface ClaimOptions {
  readonly channel: string;
  readonly now: Date;
  readonly limit: number;
  /** How long a claim holds before another sender may take the delivery (a sender that died). */
  readonly leaseMs: number;
  /** Recipients not to claim for now (webhook endpoints already busy). */
  readonly exclude?: readonly string[];
  /** One at a time per recipient, in the order the events happened (e-mail); webhooks take any order. */
  readonly inOrder: boolean;
}

/**
 * Takes up to `limit` due deliveries of a channel for this sender, atomically: two senders never
 * take the same one, and one whose sender died is taken again once its lease ends.
 * @returns the ids taken, oldest first
 */
export async function claimDue(db: SqlQueryable, schema: string, options: ClaimOptions): Promise<string[]> {
  const { state } = deliveryLogTables(schema);
  // In order: only each recipient's oldest open delivery is a candidate. Found by sorting the open
  // rows once (a DISTINCT ON), which costs the same whatever the planner believes of the table's
  // size; an anti-join looked cheap on a table just filled and took a minute on 10,000 rows.
  // Otherwise the due ones straight from the partial index on (channel, due_at).
  const candidates = options.inOrder
    ? `select distinct on (recipient_id) delivery_id from ${state}
       where channel = $1 and status in ${OPEN}
       order by recipient_id, occurred_at, delivery_id`
    : `select delivery_id from ${state}
       where channel = $1 and status in ${OPEN} and due_at <= $2 and not (recipient_id = any($5::text[]))
       order by due_at limit $3 * 4`;
  const rows = await db.query<{ delivery_id: string }>(
    `with candidates as (${candidates}),
     due as (
       select s.delivery_id from ${state} s join candidates c on c.delivery_id = s.delivery_id
       where s.status in ${OPEN} and s.due_at <= $2 and not (s.recipient_id = any($5::text[]))
       order by s.due_at, s.occurred_at, s.delivery_id
       limit $3
       for update of s skip locked
     )
     update ${state} s set status = 'sending', due_at = $2::timestamptz + $4 * interval '1 millisecond', updated_at = $2
     from due where s.delivery_id = due.delivery_id
     returning s.delivery_id, s.occurred_at`,
    [options.channel, options.now, options.limit, options.leaseMs, options.exclude ?? []],
  );
  return rows.map((row) => row.delivery_id);
}

/** Ends a delivery: sent, dead (retries ran out) or suppressed (not to be sent any more). */
export async function finish(db: SqlQueryable, schema: string, deliveryId: string, status: 'sent' | 'dead' | 'suppressed', now: Date, error = ''): Promise<void> {
  await db.query(
    `update ${deliveryLogTables(schema).state} set status = $2, updated_at = $3, last_error = $4,
       attempts = attempts + case when $2 = 'suppressed' then 0 else 1 end
     where delivery_id = $1`,
    [deliveryId, status, now, error],
  );
}

/** Puts a delivery back until `dueAt`: after a failed attempt (`retrying`), or out of quiet hours (`deferred`). */
export async function postpone(db: SqlQueryable, schema: string, deliveryId: string, status: 'retrying' | 'deferred', dueAt: Date, now: Date, error = ''): Promise<void> {
  await db.query(
    `update ${deliveryLogTables(schema).state} set status = $2, due_at = $3, updated_at = $4, last_error = $5,
       attempts = attempts + case when $2 = 'retrying' then 1 else 0 end
     where delivery_id = $1`,
    [deliveryId, status, dueAt, now, error],
  );
}
