import { loadEventSchemaRegistry } from '@frm/contracts';

/** The stream of one webhook's life: created, disabled, deleted. */
export function webhookStreamId(webhookId: string): string {
  return `notification-webhook-${webhookId}`;
}

/** The event types a webhook may subscribe to: every fact about feature requests. */
export function webhookEventTypes(): string[] {
  return loadEventSchemaRegistry().eventTypes('frm.events.v1.FeatureRequest').sort();
}
