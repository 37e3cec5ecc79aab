import { frmV1, timestampFromDate } from '@frm/contracts';
import type { ActiveVote, FraudEvidence } from './domain';

export function voteMessageOf(vote: Pick<ActiveVote, 'voteId' | 'featureRequestId' | 'voterId' | 'castAt'>): frmV1.Vote {
  return { id: vote.voteId, featureRequestId: vote.featureRequestId, voterId: vote.voterId, castTime: timestampFromDate(vote.castAt) };
}

export function fraudSignalMessageOf(evidence: FraudEvidence): frmV1.FraudSignal {
  return {
    kind: `FRAUD_SIGNAL_KIND_${evidence.kind.toUpperCase()}` as frmV1.FraudSignalKind,
    score: evidence.score,
    explanation: evidence.explanation,
    relatedVoteIds: [...evidence.relatedVoteIds],
  };
}
