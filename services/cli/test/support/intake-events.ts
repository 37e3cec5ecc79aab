import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent } from '@frm/event-store';

// Canonical proto3 JSON of frm.events.v1 messages, as the intake service stores them.

export function featureRequestSubmitted(featureRequestId: string, title: string): NewEvent {
  return {
    id: randomUUID(),
    type: 'frm.events.v1.FeatureRequestSubmitted',
    data: {
      featureRequestId,
      occurredAt: '2026-03-01T10:00:00Z',
      authorId: randomUUID(),
      title,
      description: `Couples would like ${title.toLowerCase()}`,
      category: 'planning-tools',
      tags: ['checklist'],
    },
  };
}

export function featureRequestCommentAdded(featureRequestId: string, body: string): NewEvent {
  return {
    id: randomUUID(),
    type: 'frm.events.v1.FeatureRequestCommentAdded',
    data: { featureRequestId, occurredAt: '2026-03-02T10:00:00Z', commentId: randomUUID(), authorId: randomUUID(), body },
  };
}

/** A request with `comments` comments, in its own stream; resolves to its id. */
export async function appendFeatureRequest(eventStore: EventStore, title: string, comments = 0): Promise<string> {
  const id = randomUUID();
  const events = [featureRequestSubmitted(id, title)];
  for (let n = 1; n <= comments; n++) events.push(featureRequestCommentAdded(id, `comment ${n}`));
  await eventStore.appendToStream(`feature-request-${id}`, events, { expectedRevision: 'no_stream' });
  return id;
}
