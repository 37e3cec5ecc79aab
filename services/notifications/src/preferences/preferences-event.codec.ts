import { frmEventsV1, timestampFromDate, toEventJson, fromEventJson, type frmV1 } from '@frm/contracts';
import type { JsonObject } from '@frm/event-store';

/** The stream of a person's preferences: each event replaces them whole. */
export function preferencesStreamId(recipientId: string): string {
  return `notification-preferences-${recipientId}`;
}

export function preferencesEventData(recipientId: string, at: Date, preferences: frmV1.NotificationPreferences): JsonObject {
  return toEventJson(frmEventsV1.RecipientPreferencesUpdated, {
    recipientId,
    occurredAt: timestampFromDate(at),
    statusChanged: preferences.statusChanged,
    shipped: preferences.shipped,
    comments: preferences.comments,
    digest: String(preferences.digest),
    quietHoursEnabled: preferences.quietHours?.enabled ?? false,
    quietHoursStart: preferences.quietHours?.start ?? '',
    quietHoursEnd: preferences.quietHours?.end ?? '',
    timeZone: preferences.timeZone,
    weddingDate: preferences.weddingDate,
    emailAddress: preferences.emailAddress,
  }) as JsonObject;
}

export function preferencesOfEvent(data: JsonObject): { recipientId: string; preferences: frmV1.NotificationPreferences } {
  const e = fromEventJson(frmEventsV1.RecipientPreferencesUpdated, data);
  const channels = (value: { inApp: boolean; email: boolean } | null) => ({ inApp: value?.inApp ?? false, email: value?.email ?? false });
  return {
    recipientId: e.recipientId,
    preferences: {
      statusChanged: channels(e.statusChanged),
      shipped: channels(e.shipped),
      comments: channels(e.comments),
      digest: e.digest as frmV1.DigestFrequency,
      quietHours: { enabled: e.quietHoursEnabled, start: e.quietHoursStart, end: e.quietHoursEnd },
      timeZone: e.timeZone,
      weddingDate: e.weddingDate,
      emailAddress: e.emailAddress,
    },
  };
}
