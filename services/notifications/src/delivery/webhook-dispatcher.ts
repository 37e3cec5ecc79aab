import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@frm/logging';
import type { SqlDatabase } from '@frm/postgres';
import type { ProjectionSchema } from '@frm/projections';
import { nextAttemptAt } from '../webhooks/retry-schedule';
import type { AttemptOutcome, WebhookSender } from '../webhooks/webhook-sender';
import { DeliveredBatch, type Delivered } from './delivered-batch';
import { claimDueSql, deliveryLogTables, finish, postpone, releaseClaimed, type ClaimOptions } from './delivery-log';
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
 *
 * Claimed deliveries wait in a small queue of this process, and an attempt that ends starts the next
 * one at once: the endpoints are kept busy while the next claim is on its way to the database,
 * instead of draining at every claim (one round trip per claim, which also reads what the bodies need).
 */
export class WebhookDispatcher {
  private readonly tables;
  private readonly maxInFlight: number;
  private readonly perEndpoint: number;
  private readonly inFlight = new Map<string, number>();
  private readonly attempts = new Set<Promise<void>>();
  /** Claimed, not yet attempted, in the order claimed. */
  private ready: WebhookDeliveryRow[] = [];
  private readonly queuedPerEndpoint = new Map<string, number>();
  /** Woken when the queue shrinks, so a round waiting for room claims again. */
  private roomMade: (() => void) | undefined;
  private stopping = false;
  /** Outcomes still being written after their attempt freed its slot. */
  private readonly recording = new Set<Promise<void>>();
  private readonly delivered = new DeliveredBatch((rows) => this.recordDelivered(rows));

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.tables = deliveryLogTables(options.logSchema);
    this.maxInFlight = options.maxInFlight ?? 128;
    this.perEndpoint = options.maxInFlightPerEndpoint ?? 8;
  }

  /**
   * Claims due deliveries while the queue has room for a fair share, up to as many again as may be
   * in flight, and starts what it can. Resolves `true` when more may be due at once.
   */
  async round(): Promise<boolean> {
    if (this.stopping) return false;
    const capacity = 2 * this.maxInFlight;
    const share = Math.max(1, Math.floor(this.maxInFlight / 4));
    // The queue holds plenty: wait until attempts take from it (briefly, so a stop is not held up).
    if (capacity - this.ready.length - this.attempts.size < share) {
      await this.roomOrTimeout(50);
      return true;
    }
    const limit = capacity - this.ready.length - this.attempts.size;
    // Endpoints with their share queued or in flight are not claimed for: a slow one holds only its own.
    const busy = [...this.loadPerEndpoint()].filter(([, load]) => load >= 2 * this.perEndpoint).map(([endpoint]) => endpoint);
    const now = this.options.clock();
    const rows = await this.claim({ channel: 'webhook', now, limit, leaseMs: LEASE_MS, inOrder: false, exclude: busy });
    const release: string[] = [];
    const load = this.loadPerEndpoint();
    for (const row of rows) {
      const count = load.get(row.webhook_id) ?? 0;
      // More to one endpoint than it may have queued and in flight: back to the log, due at once.
      if (count >= 2 * this.perEndpoint || this.stopping) {
        release.push(row.delivery_id);
        continue;
      }
      load.set(row.webhook_id, count + 1);
      this.enqueue(row);
    }
    await releaseClaimed(this.options.db, this.options.logSchema, release, now);
    this.startReady();
    // Claimed a full share: more may be due. Fewer: the log is drained for now (or the rest is busy).
    return rows.length === limit && release.length < rows.length;
  }

  /**
   * At shutdown: gives back what is queued, lets the attempts in flight finish for up to `graceMs`,
   * then interrupts the rest (each is recorded as a failed attempt and retried), and waits until
   * every outcome is written.
   */
  async drain(graceMs = DEFAULT_SHUTDOWN_GRACE_MS): Promise<void> {
    this.stopping = true;
    const queued = this.ready.map((row) => row.delivery_id);
    this.ready = [];
    this.queuedPerEndpoint.clear();
    await releaseClaimed(this.options.db, this.options.logSchema, queued, this.options.clock()).catch((error: unknown) =>
      this.options.logger.warn({ err: error }, `${queued.length} claimed webhook deliveries could not be given back; they are taken again when their lease ends`),
    );
    const grace = new AbortController();
    const settled = Promise.allSettled([...this.attempts]);
    const timer = sleep(graceMs, 'over' as const, { signal: grace.signal }).catch(() => 'settled' as const);
    if ((await Promise.race([settled.then(() => 'settled' as const), timer])) === 'over') this.options.sender.interrupt();
    grace.abort();
    await settled;
    await Promise.allSettled([...this.recording]);
  }

  /** Claims due deliveries and reads what their bodies need, in one statement. */
  private claim(options: ClaimOptions): Promise<WebhookDeliveryRow[]> {
    const rm = this.options.readModel;
    const claim = claimDueSql(this.options.logSchema, options);
    return this.options.db.query<WebhookDeliveryRow>(
      `with claimed as (${claim.sql})
       select s.delivery_id, s.attempts, s.recipient_id as webhook_id, w.url, w.secret, coalesce(w.enabled, false) as enabled,
              d.event_id, d.event_type, d.feature_request_id, d.to_status, d.occurred_at, coalesce(r.title, '') as title
       from claimed s
       left join ${rm.table('deliveries')} d on d.id = s.delivery_id
       left join ${rm.table('webhooks')} w on w.id::text = s.recipient_id
       left join ${rm.table('requests')} r on r.id = d.feature_request_id
       order by s.occurred_at`,
      claim.params,
    );
  }

  private enqueue(row: WebhookDeliveryRow): void {
    this.ready.push(row);
    this.queuedPerEndpoint.set(row.webhook_id, (this.queuedPerEndpoint.get(row.webhook_id) ?? 0) + 1);
  }

  /** Queued and in flight, per endpoint. */
  private loadPerEndpoint(): Map<string, number> {
    const load = new Map(this.queuedPerEndpoint);
    for (const [endpoint, count] of this.inFlight) load.set(endpoint, (load.get(endpoint) ?? 0) + count);
    return load;
  }

  /** Starts queued deliveries while there are free slots, skipping endpoints that have their share in flight. */
  private startReady(): void {
    if (this.stopping || this.ready.length === 0) return;
    const waiting: WebhookDeliveryRow[] = [];
    let started = 0;
    for (const row of this.ready) {
      if (this.attempts.size >= this.maxInFlight || (this.inFlight.get(row.webhook_id) ?? 0) >= this.perEndpoint) {
        waiting.push(row);
        continue;
      }
      this.start(row);
      started++;
    }
    this.ready = waiting;
    if (started > 0) {
      this.roomMade?.();
      this.roomMade = undefined;
    }
  }

  private start(row: WebhookDeliveryRow): void {
    const queued = (this.queuedPerEndpoint.get(row.webhook_id) ?? 1) - 1;
    if (queued === 0) this.queuedPerEndpoint.delete(row.webhook_id);
    else this.queuedPerEndpoint.set(row.webhook_id, queued);
    this.inFlight.set(row.webhook_id, (this.inFlight.get(row.webhook_id) ?? 0) + 1);
    const attempt = this.attempt(row).finally(() => {
      this.attempts.delete(attempt);
      const left = (this.inFlight.get(row.webhook_id) ?? 1) - 1;
      if (left === 0) this.inFlight.delete(row.webhook_id);
      else this.inFlight.set(row.webhook_id, left);
      // The freed slot goes to the next queued delivery at once, not at the next round.
      this.startReady();
    });
    this.attempts.add(attempt);
  }

  private roomOrTimeout(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.roomMade = undefined;
        resolve();
      }, ms);
      this.roomMade = () => {
        clearTimeout(timer);
        resolve();
      };
    });
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

  /**
   * Delivered attempts, their deliveries' end and their endpoints' health, in one statement. The
   * endpoints in one order, so that two processes recording at once wait for each other, never deadlock.
   */
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
       select webhook_id::uuid, 0, max(at) from delivered group by webhook_id order by webhook_id
       on conflict (webhook_id) do update set consecutive_dead = 0, last_delivered_at = greatest(${this.tables.webhookHealth}.last_delivered_at, excluded.last_delivered_at)`,
      [rows.map((r) => r.deliveryId), rows.map((r) => r.attempt), rows.map((r) => r.at), rows.map((r) => r.statusCode), rows.map((r) => r.durationMs), rows.map((r) => r.webhookId)],
    );
  }
}
