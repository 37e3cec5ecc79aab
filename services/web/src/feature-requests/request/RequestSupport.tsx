import type { FeatureRequest } from '../../gen/frm/v1/feature_request_pb';
import { FollowButton } from '../../notifications/following/FollowButton';
import type { SignedInUser } from '../../session/access-token';
import { useTally } from './use-tally';
import { VotePanel } from './VotePanel';

/** The request's votes and the person's own part: their vote, and whether they follow it (voters do). */
export function RequestSupport({ request, user }: { request: FeatureRequest; user: SignedInUser }) {
  const live = useTally(request.id);
  const voted = live.tally !== undefined ? live.voted : live.problem !== undefined ? false : undefined;
  return (
    <>
      <VotePanel request={request} user={user} live={live} />
      <FollowButton request={request} user={user} voted={voted} />
    </>
  );
}
