import { useId, useState } from 'react';
import { voting } from '../../api/gateway-clients';
import { newRequestId } from '../../api/new-request-id';
import { CallErrorNotice } from '../../errors/CallErrorNotice';
import { describeCallError, type CallProblem } from '../../errors/describe-call-error';
import { inputProblem } from '../../errors/input-problem';
import { VoteReviewDecision, type FlaggedVote } from '../../gen/frm/v1/vote_pb';
import { formatWeight, personLabel, shortId } from '../../format/people';
import { Time } from '../../format/Time';
import { Link } from '../../routing/Link';
import { hrefOf } from '../../routing/routes';
import { fraudSignalLabel, reviewDecisionLabel, scorePercent } from './fraud-signal-labels';
import { RequestTitle } from './RequestTitle';

const REASON_MAX_LENGTH = 1_000;

/** One held-back vote: who, for what, the evidence, and the reviewer's decision. */
export function FlaggedVoteItem({ flagged, signedInSubject, onReviewed }: { flagged: FlaggedVote; signedInSubject: string; onReviewed: (result: FlaggedVote) => void }) {
  const ids = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<CallProblem>();
  const vote = flagged.vote;
  if (vote === undefined) return null;

  const review = (decision: VoteReviewDecision) => {
    if (reason.trim() === '') {
      setProblem(inputProblem('Give the reason for your decision; the audit log keeps it.', ['reason']));
      return;
    }
    setBusy(true);
    setProblem(undefined);
    voting
      .reviewVote({ requestId: newRequestId(), voteId: vote.id, decision, reason })
      .then(onReviewed, (error: unknown) => setProblem(describeCallError(error)))
      .finally(() => setBusy(false));
  };

  return (
    <li className="card flagged-vote" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="card-title">
        Vote by {personLabel(vote.voterId, signedInSubject)} for{' '}
        <Link href={hrefOf({ page: 'request', id: vote.featureRequestId })}>
          <RequestTitle id={vote.featureRequestId} fallback={`request ${shortId(vote.featureRequestId)}`} />
        </Link>
      </h2>
      <p className="meta">
        <span>
          Cast <Time at={vote.castTime} />
        </span>
        <span>
          Flagged <Time at={flagged.flagTime} />
        </span>
        <span>Weight if cleared: {formatWeight(flagged.weight)}</span>
      </p>
      <ul className="signals" aria-label="Evidence">
        {flagged.signals.map((signal, index) => (
          <li key={index}>
            <strong>{fraudSignalLabel(signal.kind)}</strong> ({scorePercent(signal.score)}): {signal.explanation}
            {signal.relatedVoteIds.length > 0 && <span className="hint"> Shared with {signal.relatedVoteIds.length} other votes.</span>}
          </li>
        ))}
      </ul>
      {flagged.review ? (
        <p className="verdict" role="status">
          {reviewDecisionLabel(flagged.review.decision)} — by {personLabel(flagged.review.reviewerId, signedInSubject)}, <Time at={flagged.review.reviewTime} />
          {flagged.review.reason !== '' && <span className="reason"> “{flagged.review.reason}”</span>}
        </p>
      ) : (
        <div className="review-form">
          <label htmlFor={`${ids}-reason`}>Reason for your decision</label>
          <textarea
            id={`${ids}-reason`}
            rows={2}
            maxLength={REASON_MAX_LENGTH}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            aria-invalid={problem?.fields.includes('reason') ?? false}
          />
          <div className="actions">
            <button type="button" onClick={() => review(VoteReviewDecision.CLEAR)} disabled={busy}>
              Clear: the vote counts
            </button>
            <button type="button" className="danger" onClick={() => review(VoteReviewDecision.CONFIRM_FRAUD)} disabled={busy}>
              Confirm fraud
            </button>
          </div>
        </div>
      )}
      {problem && <CallErrorNotice problem={problem} />}
    </li>
  );
}
