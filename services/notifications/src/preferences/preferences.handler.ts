import { Inject, Injectable } from '@nestjs/common';
import type { CallerContext } from '@frm/caller';
import { frmEventsV1, type frmV1 } from '@frm/contracts';
import type { EventStore } from '@frm/event-store';
import { appendCommandEvent } from '../append-command-event';
import { NotificationsReadModel } from '../inbox/notifications.read-model';
import { commandIdOf } from '../notification-request';
import { EVENT_STORE } from '../notifications.tokens';
import { checkedPreferences, defaultPreferences } from './preferences';
import { preferencesEventData, preferencesStreamId } from './preferences-event.codec';

/** GetPreferences and UpdatePreferences: the caller's own, as the last event recorded them, or the defaults. */
@Injectable()
export class PreferencesHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly readModel: NotificationsReadModel,
  ) {}

  async get(caller: CallerContext): Promise<frmV1.NotificationPreferences> {
    return (await this.readModel.preferencesOf(caller.subject)) ?? defaultPreferences(caller);
  }

  async update(request: frmV1.UpdatePreferencesRequest, caller: CallerContext): Promise<frmV1.NotificationPreferences> {
    const commandId = commandIdOf('UpdatePreferences', caller.subject, request.requestId, {});
    const preferences = checkedPreferences(request.preferences, caller);
    const position = await appendCommandEvent(this.eventStore, preferencesStreamId(caller.subject), commandId, caller.subject, {
      type: frmEventsV1.RecipientPreferencesUpdated.$type,
      data: preferencesEventData(caller.subject, new Date(), preferences),
    });
    await this.readModel.caughtUpWith(position);
    return preferences;
  }
}
