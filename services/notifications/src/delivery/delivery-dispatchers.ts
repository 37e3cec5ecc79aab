import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { frmEventsV1, timestampFromDate, toEventJson } from '@frm/contracts';
import type { EventStore, JsonObject } from '@frm/event-store';
import type { Logger } from '@frm/logging';
import { appendCommandEvent } from '../append-command-event';
import { NotificationsReadModel } from '../inbox/notifications.read-model';
import { DELIVERY, EVENT_STORE, LOGGER } from '../notifications.tokens';
import { WebhookSender } from '../webhooks/webhook-sender';
import { webhookStreamId } from '../webhooks/webhook-events';
import { DigestBuilder } from './digest-builder';
import { DispatchLoop } from './dispatch-loop';
import type { DeliveryOptions } from './delivery-options';
import { DeliveryMetrics } from './delivery-metrics';
import { MailDispatcher } from './mail-dispatcher';
import { WebhookDispatcher } from './webhook-dispatcher';

/** Who disables a failing webhook, in the event's metadata. */
const DISPATCHER_ACTOR = 'svc:notifications';

/**
 * Runs the three delivery loops of this process: e-mail, digests and webhooks, each on its own, so
 * a slow webhook endpoint or SMTP server never holds the others (nor the inbox, which the read model
 * writes). Any number of processes may run them: deliveries are claimed, never shared.
 */
@Injectable()
export class DeliveryDispatchers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly metrics: DeliveryMetrics;
  private readonly loops: DispatchLoop[] = [];
  private webhookSender?: WebhookSender;
  private webhooks?: WebhookDispatcher;

  constructor(
    @Inject(DELIVERY) private readonly options: DeliveryOptions | null,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly readModel: NotificationsReadModel,
  ) {
    this.metrics = new DeliveryMetrics(options?.metricsRegistry);
  }

  onApplicationBootstrap(): void {
    const options = this.options;
    if (!options) return;
    const clock = options.clock ?? (() => new Date());
    const common = { db: this.readModel.db, readModel: this.readModel.schema, logSchema: this.readModel.deliveryLogSchema, metrics: this.metrics, logger: this.logger, clock };
    const mail = new MailDispatcher({
      ...common,
      sender: options.mail,
      publicUrl: options.publicUrl.replace(/\/+$/, ''),
      unsubscribeKey: options.unsubscribeKey,
      retrySchedule: options.mailRetrySchedule,
    });
    const digests = new DigestBuilder(common);
    this.webhookSender = new WebhookSender({ allowPrivate: options.allowPrivateWebhooks, ...(options.webhookTimeoutMs ? { timeoutMs: options.webhookTimeoutMs } : {}) });
    this.webhooks = new WebhookDispatcher({
      ...common,
      sender: this.webhookSender,
      retrySchedule: options.webhookRetrySchedule,
      disableAfterDeadLetters: options.disableWebhookAfterDeadLetters,
      disable: (webhookId, reason) => this.disableWebhook(webhookId, reason, clock()),
    });
    const idleMs = options.idleMs ?? 200;
    const webhooks = this.webhooks;
    this.loops.push(
      new DispatchLoop({ name: 'e-mail', round: () => mail.round(), idleMs, logger: this.logger }),
      // Digests are due at most once a period: a round a few seconds late changes nothing.
      new DispatchLoop({ name: 'digest', round: () => digests.round(), idleMs: Math.max(idleMs, 5_000), logger: this.logger }),
      new DispatchLoop({ name: 'webhook', round: () => webhooks.round(), idleMs, logger: this.logger }),
    );
    for (const loop of this.loops) loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.loops.map((loop) => loop.stop()));
    await this.webhooks?.drain();
    await this.webhookSender?.close();
    this.options?.mail.close();
  }

  private async disableWebhook(webhookId: string, reason: string, at: Date): Promise<void> {
    const data = toEventJson(frmEventsV1.WebhookDisabled, { webhookId, occurredAt: timestampFromDate(at), reason }) as JsonObject;
    // One disable per webhook, whoever of several processes gets there first: the id derives from the webhook.
    await appendCommandEvent(this.eventStore, webhookStreamId(webhookId), `disable/${webhookId}`, DISPATCHER_ACTOR, { type: frmEventsV1.WebhookDisabled.$type, data });
  }
}
