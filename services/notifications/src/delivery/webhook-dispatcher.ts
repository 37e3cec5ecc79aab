import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@frm/logging';
import type { SqlDatabase } from '@frm/postgres';
import type { ProjectionSchema } from '@frm/projections';
import { nextAttemptAt } from '../webhooks/retry-schedule';
import type { AttemptOutcome, WebhookSender } from '../webhooks/webhook-sender';
import { DeliveredBatch, type Delivered } from './delivered-batch';
import { claimDue, deliveryLogTables, finish, postpone } from './delivery-log';
import type { DeliveryMetrics } from './delivery-metrics';
import { webhookBody, type WebhookDeliveryRow } from './webhook-body';

export interface WebhookDispatcherOptions {
  readonly db: SqlDatabase;
  readonly readModel: ProjectionSchema;
  readonly logSchema: string;
  readonly sender: WebhookSender;
  readonly metrics: DeliveryMetrics;
  readonly logger: Logger;
  readonly clock: () => Date;
  /** `FRM_WEBHOOK_RETRY_SCHEDULE`: the delays between failed attempts; past its end, the dead letters. */
  readonly retrySchedule: readonly number[];
  /** A webhook whose deliveries die this many times in a row is disabled and its owner told. */
  readonly disableAfterDeadLetters: number;
  /** Appends WebhookDisabled (the owner hears of it through the read model). */
  readonly disable: (webhookId: string, reason: string) => Promise<void>;
  /** Attempts in flight at once, over every endpoint (default 128). */
  readonly maxInFlight?: number;
  /** Attempts in flight at once to one endpoint (default 8): a slow endpoint holds only these. */
  readonly maxInFlightPerEndpoint?: number;
}

/** How long a stopping service lets webhook attempts in flight finish before it interrupts them. */
const DEFAULT_SHUTDOWN_GRACE_MS = 5_000;

// Longer than an attempt may take (the sender's deadline is 10 s), so a live sender keeps its claim.
const LEASE_MS = 60_000;

/**
 * Delivers the planned webhook calls. Attempts run in the background, a few per endpoint at most,
 * so a slow or dead endpoint delays nothing but its own deliveries; each is retried on the schedule
 * with jitter, then dead-lettered. Every attempt is recorded for ListWebhookDeliveries.
 */
export class WebhookDispatcher {
  private readonly tables;
  private readonly inFlight = new Map<string, number>();
  private readonly attempts = new Set<Promise<void>>();
  /** Outcomes still being written after their attempt freed its slot. */
  private readonly recording = new Set<Promise<void>>();
  private readonly delivered = new DeliveredBatch((rows) => this.recordDelivered(rows));

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.tables = deliveryLogTables(options.logSchema);
  }

  async round(): Promise<boolean> {
    const { db, clock } = this.options;
    const maxInFlight = this.options.maxInFlight ?? 128;
    const perEndpoint = this.options.maxInFlightPerEndpoint ?? 8;
    // Nearly full: wait until an attempt ends, then look again at once. Claiming a few slots at a
    // time, not one by one, keeps the database's share of a delivery small.
    if (this.attempts.size > 0 && this.attempts.size > maxInFlight - Math.max(1, Math.floor(maxInFlight / 4))) {
      await Promise.race(this.attempts);
      return true;
    }
    const free = maxInFlight - this.attempts.size;
    const busy = [...this.inFlight].filter(([, count]) => count >= perEndpoint).map(([endpoint]) => endpoint);
    const now = clock();
    const ids = await claimDue(db, this.options.logSchema, { channel: 'webhook', now, limit: free, leaseMs: LEASE_MS, inOrder: false, exclude: busy });
    if (ids.length === 0) return false;
    const rows = await this.load(ids);
    const release: string[] = [];
    for (const row of rows) {
      const count = this.inFlight.get(row.webhook_id) ?? 0;
      // More to one endpoint than it may have in flight: back to the queue, due at once.
      if (count >= perEndpoint) {
        release.push(row.delivery_id);
        continue;
      }
      this.inFlight.set(row.webhook_id, count + 1);
      const attempt = this.attempt(row).finally(() => {
        this.attempts.delete(attempt);
        const left = (this.inFlight.get(row.webhook_id) ?? 1) - 1;
        if (left === 0) this.inFlight.delete(row.webhook_id);
        else this.inFlight.set(row.webhook_id, left);
      });
      this.attempts.add(attempt);
    }
    if (release.length > 0) {
      await db.query(`update ${this.tables.state} set status = 'pending', due_at = $2 where delivery_id = any($1::uuid[]) and status = 'sending'`, [release, now]);
    }
    // Claimed a full share: more may be due; with attempts in flight, wait for one before looking again.
    if (ids.length === free && release.length < ids.length) return true;
    if (this.attempts.size > 0 && release.length > 0) await Promise.race(this.attempts);
    return release.length > 0;
  }

  /**
   * At shutdown: lets the attempts in flight finish for up to `graceMs`, then interrupts the rest
   * (each is recorded as a failed attempt and retried), and waits until every outcome is written.
   */
  async drain(graceMs = DEFAULT_SHUTDOWN_GRACE_MS): Promise<void> {
    const grace = new AbortController();
    const settled = Promise.allSettled([...this.attempts]);
    const timer = sleep(graceMs, 'over' as const, { signal: grace.signal }).catch(() => 'settled' as const);
    if ((await Promise.race([settled.then(() => 'settled' as const), timer])) === 'over') this.options.sender.interrupt();
    grace.abort();
    await settled;
    await Promise.allSettled([...this.recording]);
  }

  private load(ids: readonly string[]): Promise<WebhookDeliveryRow[]> {
    const rm = this.options.readModel;
    return this.options.db.query<WebhookDeliveryRow>(
      `select s.delivery_id, s.attempts, s.recipient_id as webhook_id, w.url, w.secret, coalesce(w.enabled, false) as enabled,
              d.event_id, d.event_type, d.feature_request_id, d.to_status, d.occurred_at, coalesce(r.title, '') as title
       from ${this.tables.state} s
       left join ${rm.table('deliveries')} d on d.id = s.delivery_id
       left join ${rm.table('webhooks')} w on w.id::text = s.recipient_id
       left join ${rm.table('requests')} r on r.id = d.feature_request_id
       where s.delivery_id = any($1::uuid[])`,
      [ids],
    );
  }

  private async attempt(row: WebhookDeliveryRow): Promise<void> {
    const { db, logSchema, metrics } = this.options;
    try {
      if (!row.enabled || !row.url || !row.event_id) {
        await finish(db, logSchema, row.delivery_id, 'suppressed', this.options.clock(), 'the webhook was deleted or disabled');
        metrics.count('webhook', 'suppressed');
        return;
      }
      const outcome = await this.options.sender.attempt({ deliveryId: row.delivery_id, url: row.url, secret: row.secret, body: webhookBody(row) }, this.options.clock());
      // The slot is free once the endpoint answered; the delivery stays claimed until its outcome is written.
      const recorded = this.record(row, outcome)
        .catch((error: unknown) => this.options.logger.error({ err: error, delivery: row.delivery_id }, 'a webhook delivery could not be recorded; it is taken again when its lease ends'))
        .finally(() => this.recording.delete(recorded));
      this.recording.add(recorded);
    } catch (error) {
      // The database failed us mid-way: the lease ends and the delivery is taken again.
      this.options.logger.error({ err: error, delivery: row.delivery_id }, 'a webhook delivery could not be recorded; it is taken again when its lease ends');
    }
  }

  private async record(row: WebhookDeliveryRow, outcome: AttemptOutcome): Promise<void> {
    const { db, logSchema, metrics } = this.options;
    const now = this.options.clock();
    const attempt = row.attempts + 1;
    if (outcome.delivered) {
      await this.delivered.add({ deliveryId: row.delivery_id, webhookId: row.webhook_id, attempt, at: now, statusCode: outcome.status, durationMs: outcome.durationMs });
      metrics.count('webhook', 'sent');
      return;
    }
    await db.query(
      `insert into ${this.tables.attempts} (delivery_id, attempt, at, status_code, error, duration_ms) values ($1, $2, $3, $4, $5, $6)
       on conflict (delivery_id, attempt) do nothing`,
      [row.delivery_id, attempt, now, outcome.status ?? 0, outcome.error, outcome.durationMs],
    );
    const next = outcome.permanent ? undefined : nextAttemptAt(this.options.retrySchedule, attempt, now, randomInt(0, 1_000_000) / 1_000_000);
    if (next) {
      await postpone(db, logSchema, row.delivery_id, 'retrying', next, now, outcome.error);
      metrics.count('webhook', 'failed');
      return;
    }
    await finish(db, logSchema, row.delivery_id, 'dead', now, outcome.error);
    metrics.count('webhook', 'dead');
    const [health] = await db.query<{ consecutive_dead: number; disabled: boolean }>(
      `insert into ${this.tables.webhookHealth} (webhook_id, consecutive_dead) values ($1, 1)
       on conflict (webhook_id) do update set consecutive_dead = ${this.tables.webhookHealth}.consecutive_dead + 1
       returning consecutive_dead, disabled`,
      [row.webhook_id],
    );
    if (health && !health.disabled && health.consecutive_dead >= this.options.disableAfterDeadLetters) {
      const reason = `${health.consecutive_dead} deliveries in a row failed every retry; the last: ${outcome.error}`;
      await this.options.disable(row.webhook_id, reason);
      await db.query(`update ${this.tables.webhookHealth} set disabled = true where webhook_id = $1`, [row.webhook_id]);
      this.options.logger.warn({ webhook: row.webhook_id }, `webhook ${row.webhook_id} was disabled: ${reason}`);
    }
  }

  /** Delivered attempts, their deliveries' end and their endpoints' health, in one statement. */
  private async recordDelivered(rows: readonly Delivered[]): Promise<void> {
    await this.options.db.query(
      `with delivered as (
         select * from unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::int[], $5::int[], $6::text[])
           as r(delivery_id, attempt, at, status_code, duration_ms, webhook_id)
       ),
       logged as (
         insert into ${this.tables.attempts} (delivery_id, attempt, at, status_code, error, duration_ms)
         select delivery_id, attempt, at, status_code, '', duration_ms from delivered
         on conflict (delivery_id, attempt) do nothing
       ),
       ended as (
         update ${this.tables.state} s set status = 'sent', updated_at = d.at, last_error = '', attempts = s.attempts + 1
         from delivered d where s.delivery_id = d.delivery_id
       )
       insert into ${this.tables.webhookHealth} (webhook_id, consecutive_dead, last_delivered_at)
       select webhook_id::uuid, 0, max(at) from delivered group by webhook_id
       on conflict (webhook_id) do update set consecutive_dead = 0, last_delivered_at = greatest(${this.tables.webhookHealth}.last_delivered_at, excluded.last_delivered_at)`,
      [rows.map((r) => r.deliveryId), rows.map((r) => r.attempt), rows.map((r) => r.at), rows.map((r) => r.statusCode), rows.map((r) => r.durationMs), rows.map((r) => r.webhookId)],
    );
  }
}
