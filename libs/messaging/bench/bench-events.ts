import { randomBytes, randomUUID } from 'node:crypto';
import type { NewEvent } from '@frm/event-store';

/** One append's worth of events for the benchmark: a feature request's history, or a vote's. */
export interface BenchAppend {
  streamId: string;
  events: NewEvent[];
}

const ciphertext = (bytes: number) => randomBytes(bytes).toString('base64');
const at = (n: number) => new Date(Date.UTC(2026, 5, 20, 10, 0, n % 60, n % 1000)).toISOString();

/** A feature request's stream: submitted, then comments, edits and status moves. */
export function featureRequestHistory(length: number): BenchAppend {
  const featureRequestId = randomUUID();
  const events: NewEvent[] = [
    event('frm.events.v1.FeatureRequestSubmitted', {
      featureRequestId,
      occurredAt: at(0),
      authorId: randomUUID(),
      title: ciphertext(48),
      description: ciphertext(300),
      category: 'planning',
      tags: ['seating', 'venues'],
      weddingContext: { supplierType: 'venue', weddingDate: '2026-09-12' },
    }),
  ];
  for (let n = 1; n < length; n++) {
    switch (n % 4) {
      case 1:
      case 3:
        events.push(event('frm.events.v1.FeatureRequestCommentAdded', { featureRequestId, occurredAt: at(n), commentId: randomUUID(), authorId: randomUUID(), body: ciphertext(120) }));
        break;
      case 2:
        events.push(event('frm.events.v1.FeatureRequestEdited', { featureRequestId, occurredAt: at(n), editorId: randomUUID(), title: ciphertext(48) }));
        break;
      default:
        events.push(
          event('frm.events.v1.FeatureRequestStatusChanged', {
            featureRequestId,
            occurredAt: at(n),
            actorId: randomUUID(),
            fromStatus: 'FEATURE_REQUEST_STATUS_SUBMITTED',
            toStatus: 'FEATURE_REQUEST_STATUS_UNDER_REVIEW',
            reason: ciphertext(60),
          }),
        );
    }
  }
  return { streamId: `feature-request-${featureRequestId}`, events };
}

/** A vote's stream: cast, then flagged and reviewed in turn. */
export function voteHistory(length: number): BenchAppend {
  const featureRequestId = randomUUID();
  const voterId = randomUUID();
  const voteId = randomUUID();
  const ids = { voteId, featureRequestId, voterId };
  const events: NewEvent[] = [
    event('frm.events.v1.VoteCast', {
      ...ids,
      occurredAt: at(0),
      weight: 1,
      signals: { ipHash: ciphertext(32), networkHash: ciphertext(32), deviceFingerprintHash: ciphertext(32), userAgentHash: ciphertext(32) },
      voterSupplierType: 'photographer',
    }),
  ];
  for (let n = 1; n < length; n++) {
    events.push(
      n % 2 === 1
        ? event('frm.events.v1.VoteFlagged', {
            ...ids,
            occurredAt: at(n),
            signals: [{ kind: 'FRAUD_SIGNAL_KIND_BURST', score: 0.8, explanation: '5 votes from one device within 2 minutes', relatedVoteIds: [randomUUID()] }],
          })
        : event('frm.events.v1.VoteReviewed', { ...ids, occurredAt: at(n), reviewerId: randomUUID(), decision: 'VOTE_REVIEW_DECISION_CLEAR', reason: 'genuine' }),
    );
  }
  return { streamId: `vote-${featureRequestId}-${voterId}`, events };
}

function event(type: string, data: NewEvent['data']): NewEvent {
  return { id: randomUUID(), type, data, metadata: { correlationId: randomUUID(), causationId: randomUUID(), actor: randomUUID(), schemaVersion: 1 } };
}
