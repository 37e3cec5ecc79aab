import { useState } from 'react';
import { Code, ConnectError } from '@connectrpc/connect';
import { voting } from '../../api/gateway-clients';
import { newRequestId } from '../../api/new-request-id';
import { CallErrorNotice } from '../../errors/CallErrorNotice';
import { describeCallError, type CallProblem } from '../../errors/describe-call-error';
import type { FeatureRequest } from '../../gen/frm/v1/feature_request_pb';
import { formatCount, formatWeight } from '../../format/people';
import type { SignedInUser } from '../../session/access-token';
import { canVote, isStaff } from '../../session/roles';
import { isFinal, statusLabel } from '../status-labels';
import type { LiveTally } from './use-tally';

/** The live tally, and the caller's vote: cast it, or take it back. */
export function VotePanel({ request, user, live }: { request: FeatureRequest; user: SignedInUser; live: LiveTally }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<CallProblem>();
  const [said, setSaid] = useState('');
  const closed = isFinal(request.status);

  const toggleVote = () => {
    const retracting = live.voted;
    setBusy(true);
    setProblem(undefined);
    setSaid('');
    const command = retracting
      ? voting.retractVote({ requestId: newRequestId(), featureRequestId: request.id })
      : voting.castVote({ requestId: newRequestId(), featureRequestId: request.id });
    command
      .then(
        () => {
          live.voteChanged(!retracting);
          setSaid(retracting ? 'Your vote is removed.' : 'Thank you, your vote is in.');
        },
        (error: unknown) => {
          // A vote cast in another tab: the caller's wish is already true.
          if (!retracting && ConnectError.from(error).code === Code.AlreadyExists) {
            live.voteChanged(true);
            setSaid('You had already voted for this request.');
          } else setProblem(describeCallError(error));
        },
      )
      .finally(() => setBusy(false));
  };

  const tally = live.tally;
  return (
    <section className="panel vote-panel" aria-labelledby="votes-heading">
      <h2 id="votes-heading">Votes</h2>
      {tally ? (
        <dl className="tally" aria-live="polite" aria-atomic="true">
          <div>
            <dt>Votes</dt>
            <dd data-testid="tally-counted">{formatCount(tally.counted)}</dd>
          </div>
          <div>
            <dt>Weighted</dt>
            <dd>{formatWeight(tally.weighted)}</dd>
          </div>
          {isStaff(user) && (
            <div>
              <dt>Awaiting review</dt>
              <dd>{formatCount(tally.flagged)}</dd>
            </div>
          )}
        </dl>
      ) : (
        !live.problem && <p>Loading the tally…</p>
      )}
      {live.problem && !tally && <CallErrorNotice problem={live.problem} onRetry={live.refresh} />}
      {live.problem && tally && (
        <p className="hint">
          The tally could not be refreshed ({live.problem.status}); it shows the last count read.
        </p>
      )}
      {canVote(user) &&
        (closed ? (
          <p>Voting is closed: this request is {statusLabel(request.status).toLowerCase()}.</p>
        ) : (
          <>
            {live.voted && <p className="voted">You voted for this request.</p>}
            <button type="button" className={live.voted ? 'secondary' : undefined} onClick={toggleVote} disabled={busy || tally === undefined}>
              {busy ? 'Saving…' : live.voted ? 'Remove my vote' : 'Vote for this request'}
            </button>
          </>
        ))}
      {!canVote(user) && <p className="hint">Couples and suppliers vote; the product team follows the tally.</p>}
      <p role="status" className="said">
        {said}
      </p>
      {problem && <CallErrorNotice problem={problem} />}
    </section>
  );
}
