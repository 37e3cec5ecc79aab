import { dateFromTimestamp, frmEventsV1, fromEventJson, timestampFromDate, toEventJson } from '@frm/contracts';
import type { JsonObject, RecordedEvent } from '@frm/event-store';
import type { FollowEvent } from './follow.decider';

export function encodeFollowEvent(event: FollowEvent): { type: string; data: JsonObject } {
  const fns = event.type === 'RecipientFollowed' ? frmEventsV1.RecipientFollowed : frmEventsV1.RecipientUnfollowed;
  return {
    type: fns.$type,
    data: toEventJson(fns, { recipientId: event.recipientId, occurredAt: timestampFromDate(event.occurredAt), featureRequestId: event.featureRequestId }) as JsonObject,
  };
}

export function decodeFollowEvent(recorded: Pick<RecordedEvent, 'type' | 'data'>): FollowEvent | undefined {
  const fns =
    recorded.type === frmEventsV1.RecipientFollowed.$type ? frmEventsV1.RecipientFollowed : recorded.type === frmEventsV1.RecipientUnfollowed.$type ? frmEventsV1.RecipientUnfollowed : undefined;
  if (!fns) return undefined;
  const e = fromEventJson(fns, recorded.data);
  return {
    type: recorded.type === frmEventsV1.RecipientFollowed.$type ? 'RecipientFollowed' : 'RecipientUnfollowed',
    recipientId: e.recipientId,
    featureRequestId: e.featureRequestId,
    occurredAt: e.occurredAt ? dateFromTimestamp(e.occurredAt) : new Date(0),
  };
}
