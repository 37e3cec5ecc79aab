import { randomUUID } from 'node:crypto';
import { frmEventsV1, timestampFromDate, toEventJson } from '@frm/contracts';
import type { JsonObject, NewEvent } from '@frm/event-store';

/** What intake appends when a request is submitted, as stored (canonical JSON). */
export function featureRequestSubmitted(featureRequestId: string, fields: { authorId?: string; title?: string; description?: string; at?: Date } = {}): NewEvent {
  return {
    id: randomUUID(),
    type: frmEventsV1.FeatureRequestSubmitted.$type,
    data: toEventJson(frmEventsV1.FeatureRequestSubmitted, {
      ...frmEventsV1.FeatureRequestSubmitted.fromPartial({}),
      featureRequestId,
      occurredAt: timestampFromDate(fields.at ?? new Date()),
      authorId: fields.authorId ?? randomUUID(),
      title: fields.title ?? 'Seating plan export',
      description: fields.description ?? '',
      category: 'planning-tools',
    }) as JsonObject,
  };
}

/** What voting appends for a counted vote of weight 1, on the stream `vote-<request>-<voter>`. */
export function voteCast(featureRequestId: string, voterId: string = randomUUID(), at: Date = new Date()): { streamId: string; event: NewEvent } {
  return {
    streamId: `vote-${featureRequestId}-${voterId}`,
    event: {
      id: randomUUID(),
      type: frmEventsV1.VoteCast.$type,
      data: toEventJson(frmEventsV1.VoteCast, {
        ...frmEventsV1.VoteCast.fromPartial({}),
        voteId: randomUUID(),
        occurredAt: timestampFromDate(at),
        featureRequestId,
        voterId,
        weight: 1,
        tallyEffect: { counted: '1', flagged: '0', weighted: 1 },
      }) as JsonObject,
    },
  };
}
