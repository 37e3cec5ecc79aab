import { Injectable } from '@nestjs/common';
import { timestampFromDate, type frmV1 } from '@frm/contracts';
import { deliveryLogTables } from '../delivery/delivery-log';
import { NotificationsReadModel } from '../inbox/notifications.read-model';

interface DeliveryRow {
  readonly delivery_id: string;
  readonly webhook_id: string;
  readonly event_type: string | null;
  readonly event_id: string | null;
  readonly status: string;
  readonly due_at: Date;
  readonly occurred_at: Date;
  readonly occurred_key: string;
  readonly attempts: { at: string; status_code: number; error: string; duration_ms: number }[] | null;
}

const STATES: Record<string, frmV1.WebhookDeliveryState> = {
  sent: 'WEBHOOK_DELIVERY_STATE_DELIVERED' as frmV1.WebhookDeliveryState,
  dead: 'WEBHOOK_DELIVERY_STATE_DEAD_LETTER' as frmV1.WebhookDeliveryState,
};
const PENDING = 'WEBHOOK_DELIVERY_STATE_PENDING' as frmV1.WebhookDeliveryState;

/** Webhook deliveries with their attempts, from the delivery log and the plan in the read model. */
@Injectable()
export class WebhookDeliveries {
  constructor(private readonly readModel: NotificationsReadModel) {}

  /** Newest first; `after` is the previous page's last (occurred_key, id). */
  async page(webhookId: string, deadLettersOnly: boolean, limit: number, after: readonly [string, string] | undefined) {
    const params: unknown[] = [webhookId, limit, deadLettersOnly];
    let resume = '';
    if (after) {
      params.push(after[0], after[1]);
      resume = `and (s.occurred_at < $4::timestamptz or (s.occurred_at = $4::timestamptz and s.delivery_id < $5::uuid))`;
    }
    const rows = await this.query(`s.recipient_id = $1 and s.channel = 'webhook' and (not $3 or s.status = 'dead') ${resume}`, params, 'order by s.occurred_at desc, s.delivery_id desc limit $2');
    return rows.map((row) => ({ occurredKey: row.occurred_key, delivery: deliveryOf(row) }));
  }

  async one(deliveryId: string) {
    const [row] = await this.query(`s.delivery_id = $1 and s.channel = 'webhook'`, [deliveryId], '');
    return row ? { delivery: deliveryOf(row) } : undefined;
  }

  /** Makes a delivery due at once, whatever became of it (a dead letter too). */
  async dueNow(deliveryId: string, now: Date): Promise<void> {
    const { state } = deliveryLogTables(this.readModel.deliveryLogSchema);
    await this.readModel.db.query(`update ${state} set status = 'retrying', due_at = $2, updated_at = $2 where delivery_id = $1 and status <> 'sending'`, [deliveryId, now]);
  }

  private query(where: string, params: unknown[], tail: string): Promise<DeliveryRow[]> {
    const { state, attempts } = deliveryLogTables(this.readModel.deliveryLogSchema);
    return this.readModel.db.query<DeliveryRow>(
      `select s.delivery_id, s.recipient_id as webhook_id, d.event_type, d.event_id, s.status, s.due_at, s.occurred_at,
              to_char(s.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as occurred_key,
              (select json_agg(json_build_object('at', a.at, 'status_code', a.status_code, 'error', a.error, 'duration_ms', a.duration_ms) order by a.attempt)
               from ${attempts} a where a.delivery_id = s.delivery_id) as attempts
       from ${state} s left join ${this.readModel.schema.table('deliveries')} d on d.id = s.delivery_id
       where ${where} ${tail}`,
      params,
    );
  }
}

function deliveryOf(row: DeliveryRow): frmV1.WebhookDelivery {
  const pending = !(row.status in STATES) && row.status !== 'suppressed';
  return {
    id: row.delivery_id,
    webhookId: row.webhook_id,
    eventType: row.event_type ?? '',
    eventId: row.event_id ?? '',
    state: STATES[row.status] ?? (pending ? PENDING : ('WEBHOOK_DELIVERY_STATE_UNSPECIFIED' as frmV1.WebhookDeliveryState)),
    attempts: (row.attempts ?? []).map((a) => ({ at: timestampFromDate(new Date(a.at)), statusCode: a.status_code, error: a.error, durationMs: a.duration_ms })),
    nextAttemptAt: pending ? timestampFromDate(row.due_at) : null,
    occurredAt: timestampFromDate(row.occurred_at),
  };
}
