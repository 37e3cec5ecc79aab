import { Controller, UseGuards } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import { RpcAccessGuard } from '@frm/access';
import { callerFromMetadata } from '@frm/caller';
import { frmV1 } from '@frm/contracts';
import { FollowHandler } from './following/follow.handler';
import { ListNotificationsHandler } from './inbox/list-notifications.handler';
import { MarkReadHandler } from './inbox/mark-read.handler';
import { PreferencesHandler } from './preferences/preferences.handler';
import { NotificationFeed } from './inbox/notification-feed';
import { WebhooksHandler } from './webhooks/webhooks.handler';
import type { Observable } from 'rxjs';

@Controller()
@UseGuards(RpcAccessGuard)
@frmV1.NotificationServiceControllerMethods()
export class NotificationsController {
  constructor(
    private readonly follows: FollowHandler,
    private readonly inbox: ListNotificationsHandler,
    private readonly reads: MarkReadHandler,
    private readonly preferences: PreferencesHandler,
    private readonly feed: NotificationFeed,
    private readonly webhooks: WebhooksHandler,
  ) {}

  follow(request: frmV1.FollowRequest, metadata: Metadata): Promise<frmV1.FollowState> {
    return this.follows.execute('Follow', request, callerFromMetadata(metadata));
  }

  unfollow(request: frmV1.UnfollowRequest, metadata: Metadata): Promise<frmV1.FollowState> {
    return this.follows.execute('Unfollow', request, callerFromMetadata(metadata));
  }

  listNotifications(request: frmV1.ListNotificationsRequest, metadata: Metadata): Promise<frmV1.ListNotificationsResponse> {
    return this.inbox.execute(request, callerFromMetadata(metadata));
  }

  markRead(request: frmV1.MarkReadRequest, metadata: Metadata): Promise<frmV1.MarkReadResponse> {
    return this.reads.markRead(request, callerFromMetadata(metadata));
  }

  markAllRead(request: frmV1.MarkAllReadRequest, metadata: Metadata): Promise<frmV1.MarkReadResponse> {
    return this.reads.markAllRead(request, callerFromMetadata(metadata));
  }

  getPreferences(_request: frmV1.GetPreferencesRequest, metadata: Metadata): Promise<frmV1.NotificationPreferences> {
    return this.preferences.get(callerFromMetadata(metadata));
  }

  updatePreferences(request: frmV1.UpdatePreferencesRequest, metadata: Metadata): Promise<frmV1.NotificationPreferences> {
    return this.preferences.update(request, callerFromMetadata(metadata));
  }

  watchNotifications(_request: frmV1.WatchNotificationsRequest, metadata: Metadata): Observable<frmV1.NotificationUpdate> {
    return this.feed.watch(callerFromMetadata(metadata).subject);
  }

  createWebhook(request: frmV1.CreateWebhookRequest, metadata: Metadata): Promise<frmV1.CreatedWebhook> {
    return this.webhooks.create(request, callerFromMetadata(metadata));
  }

  listWebhooks(_request: frmV1.ListWebhooksRequest): Promise<frmV1.ListWebhooksResponse> {
    return this.webhooks.list();
  }

  deleteWebhook(request: frmV1.DeleteWebhookRequest, metadata: Metadata): Promise<frmV1.Webhook> {
    return this.webhooks.delete(request, callerFromMetadata(metadata));
  }

  listWebhookDeliveries(request: frmV1.ListWebhookDeliveriesRequest, metadata: Metadata): Promise<frmV1.ListWebhookDeliveriesResponse> {
    return this.webhooks.listDeliveries(request, callerFromMetadata(metadata));
  }

  redeliverWebhook(request: frmV1.RedeliverWebhookRequest, metadata: Metadata): Promise<frmV1.WebhookDelivery> {
    return this.webhooks.redeliver(request, callerFromMetadata(metadata));
  }
}
