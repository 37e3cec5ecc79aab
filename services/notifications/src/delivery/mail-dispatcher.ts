import { randomInt } from 'node:crypto';
import type { frmV1 } from '@frm/contracts';
import type { Logger } from '@frm/logging';
import type { SqlDatabase } from '@frm/postgres';
import type { ProjectionSchema } from '@frm/projections';
import { deliveryTimeFor, type DeliveryWindow, type LocalTime } from '../delivery-window/delivery-window';
import { EMAIL_CONSENT_PURPOSE } from '../inbox/fan-out.statements';
import type { MailSender } from '../mail/mail-sender';
import { digestMail, noticeMail, type MailNotice } from '../mail/notice-mails';
import { signUnsubscribeToken, UNSUBSCRIBE_LINK_LIFETIME_S, type UnsubscribeScope } from '../mail/unsubscribe-token';
import { nextAttemptAt } from '../webhooks/retry-schedule';
import { claimDue, deliveryLogTables, finish, postpone } from './delivery-log';
import type { DeliveryMetrics } from './delivery-metrics';

export interface MailDispatcherOptions {
  readonly db: SqlDatabase;
  readonly readModel: ProjectionSchema;
  readonly logSchema: string;
  readonly sender: MailSender;
  readonly metrics: DeliveryMetrics;
  readonly logger: Logger;
  readonly clock: () => Date;
  /** The board's address, for links in mails (`FRM_PUBLIC_URL`). */
  readonly publicUrl: string;
  readonly unsubscribeKey: Buffer;
  /** Delays between failed attempts; past its end, the last delay repeats: mail is never dropped. */
  readonly retrySchedule: readonly number[];
  readonly batchSize?: number;
  /** How many mails are in flight at once (the SMTP pool's connections). */
  readonly concurrency?: number;
}

interface MailRow {
  readonly delivery_id: string;
  readonly recipient_id: string;
  readonly attempts: number;
  readonly kind: string | null;
  readonly feature_request_id: string | null;
  readonly from_status: string;
  readonly to_status: string;
  readonly note: string;
  readonly occurred_at: Date;
  readonly title: string;
  readonly preferences: frmV1.NotificationPreferences | null;
  readonly consent: boolean | null;
  readonly period: string | null;
}

// A mail whose sender died (kill -9 mid-batch) is taken again after this; a batch of a few dozen
// mails goes through a working SMTP server well within it.
const LEASE_MS = 30_000;

/**
 * Sends the planned e-mails, one per (event, person), oldest first and one at a time per person, so
 * a person's notices arrive in the order the statuses changed. Just before sending it checks again
 * what may have changed since the plan: an address removed, a consent withdrawn, quiet hours or the
 * wedding day (the mail waits, `deferred`). An SMTP server that refuses or is away gets the mail
 * again on the retry schedule, for as long as it takes.
 */
export class MailDispatcher {
  private readonly tables;

  constructor(private readonly options: MailDispatcherOptions) {
    this.tables = deliveryLogTables(options.logSchema);
  }

  /** One round: claims a batch and settles every mail of it. @returns whether the batch was full */
  async round(): Promise<boolean> {
    const { db, clock } = this.options;
    const concurrency = this.options.concurrency ?? 8;
    // A sender that dies holds its batch until the lease ends (sent ones are marked one by one).
    const limit = this.options.batchSize ?? concurrency * 16;
    const ids = await claimDue(db, this.options.logSchema, { channel: 'email', now: clock(), limit, leaseMs: LEASE_MS, inOrder: true });
    if (ids.length === 0) return false;
    const rows = await this.load(ids);
    // A pool, not chunks: the next mail starts as soon as any connection is free.
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, rows.length) }, async () => {
        for (let i = next++; i < rows.length; i = next++) await this.settle(rows[i] as MailRow);
      }),
    );
    return ids.length === limit;
  }

  private async load(ids: readonly string[]): Promise<MailRow[]> {
    const rm = this.options.readModel;
    return this.options.db.query<MailRow>(
      `select s.delivery_id, s.recipient_id, s.attempts, d.kind, d.feature_request_id, coalesce(d.from_status, '') as from_status,
              coalesce(d.to_status, '') as to_status, coalesce(d.note, '') as note, coalesce(d.occurred_at, s.occurred_at) as occurred_at,
              coalesce(r.title, '') as title, p.preferences, c.granted as consent, g.period
       from ${this.tables.state} s
       left join ${rm.table('deliveries')} d on d.id = s.delivery_id
       left join ${rm.table('requests')} r on r.id = d.feature_request_id
       left join ${rm.table('preferences')} p on p.recipient_id = s.recipient_id
       left join ${rm.table('consents')} c on c.subject_id = s.recipient_id and c.purpose = '${EMAIL_CONSENT_PURPOSE}'
       left join ${this.tables.digests} g on g.id = s.delivery_id
       where s.delivery_id = any($1::uuid[])
       order by s.occurred_at, s.delivery_id`,
      [ids],
    );
  }

  private async settle(row: MailRow): Promise<void> {
    const { db, logSchema, metrics } = this.options;
    const now = this.options.clock();
    const address = row.preferences?.emailAddress?.trim() ?? '';
    const suppress = async (why: string) => {
      await finish(db, logSchema, row.delivery_id, 'suppressed', now, why);
      metrics.count('email', 'suppressed');
    };
    if (row.kind === null && row.period === null) return suppress('no longer planned (the recipient was erased or the plan changed)');
    if (!row.preferences || address === '') return suppress('the recipient has no e-mail address');
    if (row.consent === false) return suppress('the recipient withdrew consent to product-update e-mail');
    const due = deliveryTimeFor(now, windowOf(row.preferences));
    if (due.getTime() > now.getTime()) {
      await postpone(db, logSchema, row.delivery_id, 'deferred', due, now, 'waiting for the end of quiet hours or the wedding day');
      metrics.count('email', 'deferred');
      return;
    }
    try {
      const mail = row.period === null ? noticeMail(this.noticeOf(row), this.unsubscribeUrl(row.recipient_id, { kind: 'request', featureRequestId: row.feature_request_id ?? '' }, now)) : await this.digestOf(row, now);
      await this.options.sender.send({ ...mail, deliveryId: row.delivery_id, to: address, unsubscribeUrl: this.unsubscribeUrl(row.recipient_id, { kind: 'all_email' }, now) });
      await finish(db, logSchema, row.delivery_id, 'sent', now);
      metrics.count('email', 'sent');
    } catch (error) {
      const schedule = this.options.retrySchedule;
      const failed = row.attempts + 1;
      const next = nextAttemptAt(schedule, Math.min(failed, schedule.length), now, randomInt(0, 1_000_000) / 1_000_000) as Date;
      const reason = error instanceof Error ? error.message : String(error);
      await postpone(db, logSchema, row.delivery_id, 'retrying', next, now, reason);
      metrics.count('email', 'failed');
      this.options.logger.warn({ delivery: row.delivery_id, attempt: failed, next: next.toISOString(), err: error }, `an e-mail was not accepted by ${this.options.sender.description}; it is tried again at ${next.toISOString()}`);
    }
  }

  private noticeOf(row: Pick<MailRow, 'kind' | 'title' | 'from_status' | 'to_status' | 'note' | 'feature_request_id' | 'occurred_at'>): MailNotice {
    return {
      kind: row.kind ?? '',
      title: row.title,
      fromStatus: row.from_status,
      toStatus: row.to_status,
      note: row.note,
      requestUrl: `${this.options.publicUrl}/requests/${row.feature_request_id ?? ''}`,
      occurredAt: row.occurred_at,
    };
  }

  private async digestOf(row: MailRow, now: Date) {
    const rm = this.options.readModel;
    const items = await this.options.db.query<MailRow>(
      `select d.kind, d.feature_request_id, d.from_status, d.to_status, d.note, d.occurred_at, coalesce(r.title, '') as title
       from ${this.tables.state} s
       join ${rm.table('deliveries')} d on d.id = s.delivery_id
       left join ${rm.table('requests')} r on r.id = d.feature_request_id
       where s.digest_id = $1
       order by d.occurred_at, d.id`,
      [row.delivery_id],
    );
    return digestMail(row.period ?? '', items.map((item) => this.noticeOf(item)), this.unsubscribeUrl(row.recipient_id, { kind: 'all_email' }, now));
  }

  private unsubscribeUrl(recipientId: string, scope: UnsubscribeScope, now: Date): string {
    const token = signUnsubscribeToken(this.options.unsubscribeKey, { recipientId, scope, expiresAt: Math.floor(now.getTime() / 1000) + UNSUBSCRIBE_LINK_LIFETIME_S });
    return `${this.options.publicUrl}/unsubscribe?token=${encodeURIComponent(token)}`;
  }
}

/** A person's delivery window from their preferences. */
export function windowOf(preferences: frmV1.NotificationPreferences): DeliveryWindow {
  const quiet = preferences.quietHours?.enabled ? { start: preferences.quietHours.start as LocalTime, end: preferences.quietHours.end as LocalTime } : null;
  return { timeZone: preferences.timeZone || 'UTC', quietHours: quiet, ...(preferences.weddingDate ? { weddingDate: preferences.weddingDate } : {}) };
}
