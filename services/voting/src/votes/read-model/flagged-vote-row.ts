import { frmV1, timestampFromDate } from '@frm/contracts';
import type { FraudEvidence } from '../domain';
import { fraudSignalMessageOf } from '../vote.messages';

export interface FlaggedVoteRow {
  readonly vote_id: string;
  readonly feature_request_id: string;
  readonly voter_id: string;
  readonly cast_at: Date;
  readonly weight: number;
  readonly evidence: FraudEvidence[];
  readonly flagged_at: Date;
  readonly reviewer_id: string | null;
  readonly review_decision: string | null;
  readonly review_reason: string | null;
  readonly reviewed_at: Date | null;
}

export const FLAGGED_VOTE_COLUMNS =
  'vote_id, feature_request_id, voter_id, cast_at, weight, evidence, flagged_at, reviewer_id, review_decision, review_reason, reviewed_at';

export function flaggedVoteMessageOf(row: FlaggedVoteRow): frmV1.FlaggedVote {
  return {
    vote: { id: row.vote_id, featureRequestId: row.feature_request_id, voterId: row.voter_id, castTime: timestampFromDate(row.cast_at) },
    weight: row.weight,
    signals: row.evidence.map(fraudSignalMessageOf),
    flagTime: timestampFromDate(row.flagged_at),
    review:
      row.review_decision && row.reviewed_at
        ? {
            reviewerId: row.reviewer_id ?? '',
            decision: `VOTE_REVIEW_DECISION_${row.review_decision.toUpperCase()}` as frmV1.VoteReviewDecision,
            reason: row.review_reason ?? '',
            reviewTime: timestampFromDate(row.reviewed_at),
          }
        : null,
  };
}
