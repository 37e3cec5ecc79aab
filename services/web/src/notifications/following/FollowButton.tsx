import { useState } from 'react';
import { notifications } from '../../api/gateway-clients';
import { newRequestId } from '../../api/new-request-id';
import { CallErrorNotice } from '../../errors/CallErrorNotice';
import { describeCallError, type CallProblem } from '../../errors/describe-call-error';
import { isFinal } from '../../feature-requests/status-labels';
import type { FeatureRequest } from '../../gen/frm/v1/feature_request_pb';
import type { SignedInUser } from '../../session/access-token';
import { chosenFollow, rememberFollow } from './follow-choices';
import { followExplanation, followState } from './follow-state';

interface FollowButtonProps {
  readonly request: FeatureRequest;
  readonly user: SignedInUser;
  /** Whether the person has a vote here, once the tally said. */
  readonly voted: boolean | undefined;
}

/** Follow or unfollow the request: its followers hear in their inbox when it moves on. */
export function FollowButton({ request, user, voted }: FollowButtonProps) {
  const [chosen, setChosen] = useState(() => chosenFollow(user.subject, request.id));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<CallProblem>();
  const [said, setSaid] = useState('');
  const isAuthor = request.authorId.toLowerCase() === user.subject.toLowerCase();
  const state = followState({ ...(chosen !== undefined ? { chosen } : {}), isAuthor, voted: voted ?? false });

  // A shipped, declined or merged request changes no more: there is nothing left to hear about.
  if (isFinal(request.status)) return null;

  const toggle = () => {
    const follow = !state.following;
    setBusy(true);
    setProblem(undefined);
    setSaid('');
    const command = follow
      ? notifications.follow({ requestId: newRequestId(), featureRequestId: request.id })
      : notifications.unfollow({ requestId: newRequestId(), featureRequestId: request.id });
    command
      .then(
        (recorded) => {
          rememberFollow(user.subject, request.id, recorded.following);
          setChosen(recorded.following);
          setSaid(recorded.following ? 'You follow this request now.' : 'You no longer follow this request.');
        },
        (error: unknown) => setProblem(describeCallError(error)),
      )
      .finally(() => setBusy(false));
  };

  return (
    <section className="follow" aria-labelledby="follow-heading">
      <h2 id="follow-heading" className="visually-hidden">
        Following
      </h2>
      <p>{followExplanation(state)}</p>
      {/* Until the tally says whether the person voted, the board cannot tell whether they follow. */}
      <button type="button" className="secondary" onClick={toggle} disabled={busy || (chosen === undefined && voted === undefined)}>
        {busy ? 'Saving…' : state.following ? 'Unfollow' : 'Follow'}
      </button>
      <p role="status" className="said">
        {said}
      </p>
      {problem && <CallErrorNotice problem={problem} />}
    </section>
  );
}
