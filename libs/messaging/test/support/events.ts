import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@frm/event-store';

/** Canonical JSON events of the two families, with fresh ids. */
export const featureRequestEvents = {
  submitted: (requestId: string, metadata: NewEvent['metadata'] = {}): NewEvent => ({
    id: randomUUID(),
    type: 'frm.events.v1.FeatureRequestSubmitted',
    data: {
      featureRequestId: requestId,
      occurredAt: '2026-06-20T10:00:00.250Z',
      authorId: randomUUID(),
      title: 'Let couples share the seating plan with their venue',
      description: 'ciphertext:6c1f0e',
      category: 'planning',
      tags: ['seating', 'venues'],
      weddingContext: { supplierType: 'venue', weddingDate: '2026-09-12' },
    },
    metadata,
  }),
  commented: (requestId: string, n = 0): NewEvent => ({
    id: randomUUID(),
    type: 'frm.events.v1.FeatureRequestCommentAdded',
    data: { featureRequestId: requestId, occurredAt: '2026-06-20T10:05:00Z', commentId: `c-${n}`, authorId: randomUUID(), body: `ciphertext:${n}` },
  }),
};

export const voteEvents = {
  cast: (requestId: string, voterId: string): NewEvent => ({
    id: randomUUID(),
    type: 'frm.events.v1.VoteCast',
    data: { voteId: randomUUID(), occurredAt: '2026-06-20T11:00:00Z', featureRequestId: requestId, voterId, weight: 1 },
  }),
  retracted: (requestId: string, voterId: string): NewEvent => ({
    id: randomUUID(),
    type: 'frm.events.v1.VoteRetracted',
    data: { voteId: randomUUID(), occurredAt: '2026-06-20T11:30:00Z', featureRequestId: requestId, voterId },
  }),
};
