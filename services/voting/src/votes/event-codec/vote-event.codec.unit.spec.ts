import { loadEventSchemaRegistry } from '@frm/contracts';
import type { VoteEvent } from '../domain';
import { decodeVoteEvent, encodeVoteEvent } from './vote-event.codec';

const base = {
  voteId: 'b1f0c3a2-0000-4000-8000-000000000001',
  featureRequestId: 'f0000000-0000-4000-8000-000000000001',
  voterId: 'a0000000-0000-4000-8000-000000000001',
  occurredAt: new Date('2026-06-01T10:00:00.123Z'),
};

const events: VoteEvent[] = [
  {
    type: 'VoteCast',
    ...base,
    tallyEffect: { counted: 1, flagged: 0, weighted: 0.5 },
    weight: 0.5,
    signals: { ipHash: 'i', networkHash: 'n', deviceHash: 'd', userAgentHash: 'u' },
    voterSupplierType: 'photographer',
    voterAccountCreatedAt: new Date('2026-05-31T10:00:00Z'),
    featureRequestAuthorId: 'author',
    voterTimeZone: 'Europe/Lisbon',
    movedFromVoteId: '',
  },
  { type: 'VoteRetracted', ...base, tallyEffect: { counted: -1, flagged: 0, weighted: -0.5 } },
  {
    type: 'VoteFlagged',
    ...base,
    tallyEffect: { counted: -1, flagged: 1, weighted: -0.5 },
    evidence: [{ kind: 'serial_voting', score: 0.7, explanation: 'votes for everything one author writes', relatedVoteIds: ['x'] }],
  },
  { type: 'VoteReviewed', ...base, tallyEffect: { counted: 1, flagged: -1, weighted: 0.5 }, reviewerId: 'r', decision: 'confirm_fraud', reason: 'farm' },
  {
    type: 'VoteMoved',
    ...base,
    tallyEffect: { counted: -1, flagged: 0, weighted: -0.5 },
    targetFeatureRequestId: 't',
    targetVoteId: 'tv',
    targetAlreadyVoted: false,
    flagged: false,
    weight: 0.5,
  },
  {
    type: 'VoteMovedBack',
    ...base,
    tallyEffect: { counted: 0, flagged: -1, weighted: 0 },
    sourceFeatureRequestId: 's',
    sourceVoteId: 'sv',
    weight: 0.25,
    held: 'flagged',
    reviewed: false,
  },
  { type: 'VoteRestored', ...base, tallyEffect: { counted: 0, flagged: 0, weighted: 0 }, weight: 1, held: 'confirmed_fraud', reviewed: true },
];

describe('the vote event codec', () => {
  it.each(events.map((event) => [event.type, event] as const))('stores %s as schema-valid JSON and reads it back unchanged', (_type, event) => {
    const stored = encodeVoteEvent(event);
    expect(() => loadEventSchemaRegistry().validate(stored.type, stored.data)).not.toThrow();
    expect(decodeVoteEvent(stored)).toEqual(event);
  });

  it('passes over a vote event type it does not know', () => {
    expect(decodeVoteEvent({ type: 'frm.events.v1.VoteTeleported', data: {} })).toBeUndefined();
  });
});
