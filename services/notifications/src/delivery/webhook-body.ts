/** A planned webhook delivery with what its body needs. */
export interface WebhookDeliveryRow {
  readonly delivery_id: string;
  readonly attempts: number;
  readonly webhook_id: string;
  readonly url: string | null;
  readonly secret: string;
  readonly enabled: boolean;
  readonly event_id: string | null;
  readonly event_type: string;
  readonly feature_request_id: string | null;
  readonly to_status: string;
  readonly occurred_at: Date;
  readonly title: string;
}

/**
 * The JSON body of a delivery, shaped as the Standard Webhooks specification suggests: the event's
 * type, when it happened, and the request it is about, with its title as it is now (`[erased]`
 * once its author is erased) and its status after the event.
 */
export function webhookBody(row: WebhookDeliveryRow): string {
  return JSON.stringify({
    type: row.event_type,
    timestamp: row.occurred_at.toISOString(),
    data: {
      event_id: row.event_id,
      feature_request_id: row.feature_request_id,
      title: row.title,
      status: row.to_status,
    },
  });
}
