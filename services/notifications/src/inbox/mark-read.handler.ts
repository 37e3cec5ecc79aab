import { Inject, Injectable } from '@nestjs/common';
import type { CallerContext } from '@frm/caller';
import { frmEventsV1, timestampFromDate, toEventJson, type frmV1 } from '@frm/contracts';
import type { EventStore, JsonObject } from '@frm/event-store';
import { InvalidArgumentError } from '@frm/grpc-errors';
import { appendCommandEvent } from '../append-command-event';
import { commandIdOf } from '../notification-request';
import { EVENT_STORE } from '../notifications.tokens';
import { NotificationsReadModel } from './notifications.read-model';

const MAX_IDS = 500;

/** The stream of a person's read marks: append-only, so no revision is checked. */
export function readsStreamId(recipientId: string): string {
  return `notification-reads-${recipientId}`;
}

/**
 * MarkRead and MarkAllRead: a read mark is an event, so a rebuilt inbox keeps what was read. Its id
 * derives from the command, so a retry appends nothing. Answers with the unread count once the
 * mark shows in the inbox.
 */
@Injectable()
export class MarkReadHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly readModel: NotificationsReadModel,
  ) {}

  markRead(request: frmV1.MarkReadRequest, caller: CallerContext): Promise<frmV1.MarkReadResponse> {
    if (request.notificationIds.length === 0) throw new InvalidArgumentError('notification_ids', 'must name at least one notification (MarkAllRead marks them all)');
    if (request.notificationIds.length > MAX_IDS) throw new InvalidArgumentError('notification_ids', `must name at most ${MAX_IDS} notifications`, request.notificationIds.length);
    const commandId = commandIdOf('MarkRead', caller.subject, request.requestId, { notification_ids: request.notificationIds });
    return this.record(commandId, caller, request.notificationIds.map((id) => id.toLowerCase()), false);
  }

  markAllRead(request: frmV1.MarkAllReadRequest, caller: CallerContext): Promise<frmV1.MarkReadResponse> {
    return this.record(commandIdOf('MarkAllRead', caller.subject, request.requestId, {}), caller, [], true);
  }

  private async record(commandId: string, caller: CallerContext, notificationIds: readonly string[], all: boolean): Promise<frmV1.MarkReadResponse> {
    const data = toEventJson(frmEventsV1.RecipientNotificationsRead, {
      recipientId: caller.subject,
      occurredAt: timestampFromDate(new Date()),
      notificationIds: [...notificationIds],
      all,
    }) as JsonObject;
    const position = await appendCommandEvent(this.eventStore, readsStreamId(caller.subject), commandId, caller.subject, { type: frmEventsV1.RecipientNotificationsRead.$type, data });
    await this.readModel.caughtUpWith(position);
    return { unreadCount: String(await this.readModel.unreadCount(caller.subject)) };
  }
}
