import { Module, type DynamicModule } from '@nestjs/common';
import { RpcAccessGuard } from '@frm/access';
import { FollowHandler } from './following/follow.handler';
import { ListNotificationsHandler } from './inbox/list-notifications.handler';
import { MarkReadHandler } from './inbox/mark-read.handler';
import { NotificationsReadModel } from './inbox/notifications.read-model';
import { NotificationsController } from './notifications.controller';
import { PreferencesHandler } from './preferences/preferences.handler';
import { DeliveryDispatchers } from './delivery/delivery-dispatchers';
import { NotificationFeed } from './inbox/notification-feed';
import { WebhookDeliveries } from './webhooks/webhook-deliveries.read-model';
import { WebhooksHandler } from './webhooks/webhooks.handler';
import { NotificationLinksController } from './mail/notification-links.controller';
import { UnsubscribeHandler } from './mail/unsubscribe.handler';
import { NotificationsInfrastructureModule, type NotificationsInfrastructureOptions } from './notifications-infrastructure.module';

/** The notifications service: following requests, the in-app inbox, webhooks, and the delivery of e-mail and webhook calls. */
@Module({})
export class NotificationsModule {
  static register(options: NotificationsInfrastructureOptions): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [NotificationsInfrastructureModule.register(options)],
      controllers: [NotificationsController, NotificationLinksController],
      providers: [
        RpcAccessGuard,
        NotificationsReadModel,
        FollowHandler,
        ListNotificationsHandler,
        MarkReadHandler,
        PreferencesHandler,
        NotificationFeed,
        WebhookDeliveries,
        WebhooksHandler,
        DeliveryDispatchers,
        UnsubscribeHandler,
      ],
    };
  }
}
