import { Inject, Injectable, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { timestampFromDate, type frmV1 } from '@frm/contracts';
import type { EventStore, Position } from '@frm/event-store';
import type { Logger } from '@frm/logging';
import type { SqlDatabase } from '@frm/postgres';
import { ProjectionRunner, projectionSchema, type ProjectionSchema } from '@frm/projections';
import { EVENT_STORE, LOGGER, READ_MODEL_DATABASE, READ_MODEL_SCHEMA } from '../notifications.tokens';
import { deliveryLogSchemaFor } from '../delivery/delivery-log';
import { notificationsProjectionWith } from './notifications.projection';

export interface NotificationRow {
  readonly id: string;
  readonly kind: string;
  readonly feature_request_id: string | null;
  readonly title: string;
  readonly from_status: string;
  readonly to_status: string;
  readonly occurred_at: Date;
  /** `occurred_at` to the microsecond, for page tokens. */
  readonly occurred_key: string;
  readonly read: boolean;
  readonly note: string;
  readonly webhook_id: string | null;
  /** Order of arrival in this copy of the read model. */
  readonly seq: string;
}

export interface StoredWebhook extends frmV1.Webhook {
  readonly secret: string;
  readonly deleted: boolean;
}

// Long enough for a busy database, short enough that a caller is not held by a stuck projection.
const CATCH_UP_TIMEOUT_MS = 2_000;

/** Keeps the notifications read model up to date while the service runs, and answers from it. */
@Injectable()
export class NotificationsReadModel implements OnModuleInit, BeforeApplicationShutdown {
  readonly runner: ProjectionRunner;
  readonly schema: ProjectionSchema;
  /** Where what became of each planned delivery is kept, apart from the rebuildable read model. */
  readonly deliveryLogSchema: string;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_MODEL_DATABASE) readonly db: SqlDatabase,
    @Inject(LOGGER) logger: Logger,
    @Inject(READ_MODEL_SCHEMA) schema: string | null,
  ) {
    this.deliveryLogSchema = deliveryLogSchemaFor(schema ?? undefined);
    const projection = notificationsProjectionWith(this.deliveryLogSchema);
    this.runner = new ProjectionRunner({ projection, eventStore, db, logger, schema: schema ?? undefined });
    this.schema = projectionSchema(this.runner.schema);
  }

  async onModuleInit(): Promise<void> {
    await this.runner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }

  /** Whether the request exists; a request submitted a moment ago may not be projected yet, so it catches up first. */
  async requestExists(featureRequestId: string): Promise<boolean> {
    const known = async () =>
      (await this.db.query(`select 1 from ${this.schema.table('requests')} where id = $1`, [featureRequestId])).length > 0;
    if (await known()) return true;
    const head = await this.eventStore.headPosition();
    return head !== undefined && (await this.runner.waitUntilApplied(head, CATCH_UP_TIMEOUT_MS)) && (await known());
  }

  /** Read-your-writes: resolves once what was appended at `position` shows here (or the wait ran out). */
  async caughtUpWith(position: Position | undefined): Promise<void> {
    if (position) await this.runner.waitUntilApplied(position, CATCH_UP_TIMEOUT_MS);
  }

  /** A webhook, with its secret (for CreateWebhook's retries) and whether it was deleted. */
  async webhook(webhookId: string): Promise<StoredWebhook | undefined> {
    return (await this.webhookRows('where id = $1', [webhookId]))[0];
  }

  /** The webhooks that were not deleted, oldest first. */
  webhooks(): Promise<StoredWebhook[]> {
    return this.webhookRows('where not deleted', []);
  }

  private async webhookRows(where: string, params: unknown[]): Promise<StoredWebhook[]> {
    const rows = await this.db.query<{ id: string; owner_id: string; url: string; event_types: string[]; secret: string; created_at: Date; enabled: boolean; disabled_reason: string; deleted: boolean }>(
      `select id, owner_id, url, event_types, secret, created_at, enabled, disabled_reason, deleted from ${this.schema.table('webhooks')} ${where} order by created_at, id`,
      params,
    );
    return rows.map((row) => ({
      id: row.id,
      url: row.url,
      eventTypes: row.event_types,
      ownerId: row.owner_id,
      createdAt: timestampFromDate(row.created_at),
      enabled: row.enabled,
      disabledReason: row.disabled_reason,
      secret: row.secret,
      deleted: row.deleted,
    }));
  }

  async preferencesOf(recipientId: string): Promise<frmV1.NotificationPreferences | undefined> {
    const [row] = await this.db.query<{ preferences: frmV1.NotificationPreferences }>(
      `select preferences from ${this.schema.table('preferences')} where recipient_id = $1`,
      [recipientId],
    );
    return row?.preferences;
  }

  /** The number of the latest notification in this copy ('0' when none). */
  async lastNotificationSeq(): Promise<string> {
    const [row] = await this.db.query<{ seq: string }>(`select coalesce(max(seq), 0)::text as seq from ${this.schema.table('notifications')}`);
    return row?.seq ?? '0';
  }

  /**
   * The notifications of `recipients` that arrived after `seq`, in order, and the number of the
   * latest one of anybody's (where the next look starts), read in one statement so none is skipped.
   */
  async arrivedSince(seq: string, recipients: readonly string[]): Promise<{ rows: (NotificationRow & { recipient_id: string })[]; upTo: string }> {
    const rows = await this.db.query<NotificationRow & { recipient_id: string; up_to: string }>(
      `with latest as (select coalesce(max(seq), 0) as up_to from ${this.schema.table('notifications')})
       select n.id, n.recipient_id, n.kind, n.feature_request_id, coalesce(r.title, '') as title, n.from_status, n.to_status, n.note, n.webhook_id,
              n.occurred_at, n.read, n.seq, '' as occurred_key, (select up_to from latest)::text as up_to
       from (select 1) one
       left join ${this.schema.table('notifications')} n on n.seq > $1::bigint and n.seq <= (select up_to from latest) and n.recipient_id = any($2::text[])
       left join ${this.schema.table('requests')} r on r.id = n.feature_request_id
       order by n.seq`,
      [seq, recipients],
    );
    const upTo = rows[0]?.up_to ?? seq;
    return { rows: rows.filter((row) => row.id !== null), upTo };
  }

  async unreadCount(recipientId: string): Promise<number> {
    const [row] = await this.db.query<{ unread: string }>(
      `select count(*)::text as unread from ${this.schema.table('notifications')} where recipient_id = $1 and not read`,
      [recipientId],
    );
    return Number(row?.unread ?? 0);
  }

  /**
   * A page of the recipient's inbox: unread first, then newest first. `after` is the last row of
   * the previous page as (read, occurred_key, id).
   */
  async page(recipientId: string, limit: number, after: readonly [boolean, string, string] | undefined): Promise<NotificationRow[]> {
    const params: unknown[] = [recipientId, limit];
    let resume = '';
    if (after) {
      params.push(after[0], after[1], after[2]);
      resume = `and (n.read > $3 or (n.read = $3 and (n.occurred_at < $4::timestamptz or (n.occurred_at = $4::timestamptz and n.id < $5::uuid))))`;
    }
    return this.db.query<NotificationRow>(
      `select n.id, n.kind, n.feature_request_id, coalesce(r.title, '') as title, n.from_status, n.to_status, n.note, n.webhook_id, n.occurred_at, n.read, n.seq,
              to_char(n.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as occurred_key
       from ${this.schema.table('notifications')} n left join ${this.schema.table('requests')} r on r.id = n.feature_request_id
       where n.recipient_id = $1 ${resume}
       order by n.read, n.occurred_at desc, n.id desc limit $2`,
      params,
    );
  }
}
