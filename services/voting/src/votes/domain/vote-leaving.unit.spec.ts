import type { FraudEvidence } from './vote';
import type { VoteCast, VoteEvent } from './vote.events';
import { voteLeavingFor } from './vote-leaving';

const at = new Date('2026-06-01T10:00:00Z');
const base = { featureRequestId: 'f', voterId: 'v', occurredAt: at, tallyEffect: { counted: 0, flagged: 0, weighted: 0 } };
const castAs = (voteId: string, weight: number): VoteCast => ({
  ...base,
  type: 'VoteCast',
  voteId,
  weight,
  signals: { ipHash: 'ip', networkHash: 'net', deviceHash: 'dev', userAgentHash: 'ua' },
  voterSupplierType: 'venue',
  voterAccountCreatedAt: undefined,
  featureRequestAuthorId: 'a',
  movedFromVoteId: '',
  voterTimeZone: 'Europe/London',
});
const evidence = (kind: FraudEvidence['kind']): FraudEvidence => ({ kind, score: 0.9, explanation: kind, relatedVoteIds: [] });
const flagged = (voteId: string, kind: FraudEvidence['kind']): VoteEvent => ({ ...base, type: 'VoteFlagged', voteId, evidence: [evidence(kind)] });
const moved = (voteId: string, targetVoteId: string): VoteEvent => ({
  ...base,
  type: 'VoteMoved',
  voteId,
  targetFeatureRequestId: 't',
  targetVoteId,
  targetAlreadyVoted: targetVoteId === '',
  flagged: false,
  weight: 1,
});

describe('voteLeavingFor', () => {
  it('gives the cast that left by the named move and the evidence flagged on it before the move', () => {
    const events = [castAs('v1', 1), flagged('v1', 'shared_device'), flagged('v1', 'vote_ring'), moved('v1', 't1'), flagged('v1', 'burst')];
    const leaving = voteLeavingFor(events, 't1');
    expect(leaving?.cast.voteId).toBe('v1');
    expect(leaving?.evidence.map((item) => item.kind)).toEqual(['shared_device', 'vote_ring']);
  });

  it('forgets the evidence of an earlier cast of the same stream', () => {
    const events = [castAs('v1', 1), flagged('v1', 'shared_device'), { ...base, type: 'VoteRetracted', voteId: 'v1' } as VoteEvent, castAs('v2', 0.5), moved('v2', 't2')];
    const leaving = voteLeavingFor(events, 't2');
    expect(leaving?.cast.voteId).toBe('v2');
    expect(leaving?.evidence).toEqual([]);
  });

  it('finds nothing for a move to another vote, a dropped move or no move at all', () => {
    const events = [castAs('v1', 1), moved('v1', 't1')];
    expect(voteLeavingFor(events, 't2')).toBeUndefined();
    expect(voteLeavingFor([castAs('v1', 1), moved('v1', '')], '')).toBeUndefined();
    expect(voteLeavingFor([castAs('v1', 1)], 't1')).toBeUndefined();
  });
});
