import { Inject, Injectable } from '@nestjs/common';
import type { CallerContext } from '@frm/caller';
import { frmEventsV1, timestampFromDate, toEventJson, type frmV1 } from '@frm/contracts';
import type { EventStore, JsonObject } from '@frm/event-store';
import { FailedPreconditionError, InvalidArgumentError, NotFoundError } from '@frm/grpc-errors';
import { PageTokens, queryFingerprint } from '@frm/pagination';
import { v5 as uuidv5 } from 'uuid';
import { appendCommandEvent } from '../append-command-event';
import { NotificationsReadModel } from '../inbox/notifications.read-model';
import { commandIdOf, isUuid } from '../notification-request';
import { EVENT_STORE, PAGE_TOKEN_KEY, WEBHOOK_URL_POLICY } from '../notifications.tokens';
import { WebhookDeliveries } from './webhook-deliveries.read-model';
import { webhookEventTypes, webhookStreamId } from './webhook-events';
import { newWebhookSecret } from './webhook-signature';
import { checkWebhookUrl, WebhookUrlRefusedError, type WebhookUrlPolicy } from './webhook-url-policy';

const WEBHOOK_ID_NAMESPACE = 'c1f0e3a4-7b2d-4e8f-9a61-3d5b7c9e2f10';
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

/** The webhook RPCs (product and admin only, by the access table). */
@Injectable()
export class WebhooksHandler {
  private readonly pageTokens: PageTokens;
  private readonly validTypes = webhookEventTypes();

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(WEBHOOK_URL_POLICY) private readonly urlPolicy: WebhookUrlPolicy,
    @Inject(PAGE_TOKEN_KEY) pageTokenKey: Buffer,
    private readonly readModel: NotificationsReadModel,
    private readonly deliveries: WebhookDeliveries,
  ) {
    this.pageTokens = new PageTokens(pageTokenKey);
  }

  async create(request: frmV1.CreateWebhookRequest, caller: CallerContext): Promise<frmV1.CreatedWebhook> {
    const commandId = commandIdOf('CreateWebhook', caller.subject, request.requestId, {});
    const url = await this.checkedUrl(request.url);
    const unknown = request.eventTypes.filter((type) => !this.validTypes.includes(type));
    if (unknown.length > 0) {
      throw new InvalidArgumentError('event_types', `${unknown.map((type) => `"${type}"`).join(', ')} is not an event type; use some of ${this.validTypes.join(', ')}, or none for every type`);
    }
    const webhookId = uuidv5(commandId, WEBHOOK_ID_NAMESPACE);
    const existing = await this.readModel.webhook(webhookId);
    // A retry of the same call by the same person (the id derives from both): the answer it lost.
    if (existing) return { webhook: existing, secret: existing.deleted ? '' : existing.secret };
    const secret = newWebhookSecret();
    const now = new Date();
    const eventTypes = [...new Set(request.eventTypes)].sort();
    const data = toEventJson(frmEventsV1.WebhookCreated, { webhookId, occurredAt: timestampFromDate(now), ownerId: caller.subject, url: url.toString(), eventTypes, secret }) as JsonObject;
    const position = await appendCommandEvent(this.eventStore, webhookStreamId(webhookId), commandId, caller.subject, { type: frmEventsV1.WebhookCreated.$type, data }, 'no_stream');
    await this.readModel.caughtUpWith(position);
    return {
      webhook: { id: webhookId, url: url.toString(), eventTypes, ownerId: caller.subject, createdAt: timestampFromDate(now), enabled: true, disabledReason: '' },
      secret,
    };
  }

  async list(): Promise<frmV1.ListWebhooksResponse> {
    return { webhooks: (await this.readModel.webhooks()).map(({ secret: _secret, deleted: _deleted, ...webhook }) => webhook) };
  }

  async delete(request: frmV1.DeleteWebhookRequest, caller: CallerContext): Promise<frmV1.Webhook> {
    const commandId = commandIdOf('DeleteWebhook', caller.subject, request.requestId, { webhook_id: request.webhookId });
    const webhook = await this.readModel.webhook(request.webhookId);
    if (!webhook || webhook.deleted) throw new NotFoundError('webhook', request.webhookId);
    const data = toEventJson(frmEventsV1.WebhookDeleted, { webhookId: request.webhookId, occurredAt: timestampFromDate(new Date()), actorId: caller.subject }) as JsonObject;
    const position = await appendCommandEvent(this.eventStore, webhookStreamId(request.webhookId), commandId, caller.subject, { type: frmEventsV1.WebhookDeleted.$type, data });
    await this.readModel.caughtUpWith(position);
    const { secret: _secret, deleted: _deleted, ...shown } = webhook;
    return { ...shown, enabled: false };
  }

  async listDeliveries(request: frmV1.ListWebhookDeliveriesRequest, caller: CallerContext): Promise<frmV1.ListWebhookDeliveriesResponse> {
    if (!isUuid(request.webhookId)) throw new InvalidArgumentError('webhook_id', 'must be a UUID');
    if (request.pageSize < 0 || request.pageSize > MAX_PAGE_SIZE) {
      throw new InvalidArgumentError('page_size', `must be 0 (for ${DEFAULT_PAGE_SIZE}) to ${MAX_PAGE_SIZE}`, request.pageSize);
    }
    if (!(await this.readModel.webhook(request.webhookId))) throw new NotFoundError('webhook', request.webhookId);
    const pageSize = request.pageSize || DEFAULT_PAGE_SIZE;
    const query = queryFingerprint(['ListWebhookDeliveries', caller.subject, request.webhookId, String(request.deadLettersOnly)]);
    const cursor = this.pageTokens.read(request.pageToken, query, 2);
    const after = cursor ? ([String(cursor.after[0]), String(cursor.after[1])] as const) : undefined;
    const rows = await this.deliveries.page(request.webhookId, request.deadLettersOnly, pageSize + 1, after);
    const page = rows.slice(0, pageSize);
    const last = page.at(-1);
    return {
      deliveries: page.map((row) => row.delivery),
      nextPageToken: rows.length > pageSize && last ? this.pageTokens.issue({ query, after: [last.occurredKey, last.delivery.id] }) : '',
    };
  }

  async redeliver(request: frmV1.RedeliverWebhookRequest, caller: CallerContext): Promise<frmV1.WebhookDelivery> {
    commandIdOf('RedeliverWebhook', caller.subject, request.requestId, { delivery_id: request.deliveryId });
    const found = await this.deliveries.one(request.deliveryId);
    if (!found) throw new NotFoundError('webhook delivery', request.deliveryId);
    const webhook = await this.readModel.webhook(found.delivery.webhookId);
    if (!webhook?.enabled) throw new FailedPreconditionError(`webhook ${found.delivery.webhookId} is ${webhook ? 'disabled' : 'deleted'}; deliveries to it cannot be sent again`);
    // Redelivering twice is harmless: the delivery keeps its id, so the receiver drops the repeat.
    await this.deliveries.dueNow(request.deliveryId, new Date());
    return (await this.deliveries.one(request.deliveryId))?.delivery ?? found.delivery;
  }

  private async checkedUrl(text: string): Promise<URL> {
    if (text.trim() === '') throw new InvalidArgumentError('url', 'must be given: the http(s) URL deliveries are POSTed to');
    try {
      return await checkWebhookUrl(text.trim(), this.urlPolicy);
    } catch (error) {
      if (error instanceof WebhookUrlRefusedError) throw new InvalidArgumentError('url', error.message);
      throw error;
    }
  }
}
