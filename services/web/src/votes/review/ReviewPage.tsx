import { useId, useState } from 'react';
import { voting } from '../../api/gateway-clients';
import { PageHeading } from '../../app/PageHeading';
import { CallErrorNotice } from '../../errors/CallErrorNotice';
import { describeCallError, type CallProblem } from '../../errors/describe-call-error';
import type { FlaggedVote } from '../../gen/frm/v1/vote_pb';
import { plural } from '../../format/people';
import { useRemote } from '../../remote/use-remote';
import type { SignedInUser } from '../../session/access-token';
import { FlaggedVoteItem } from './FlaggedVoteItem';

const PAGE_SIZE = 20;

interface Loaded {
  readonly key: string;
  readonly votes: readonly FlaggedVote[];
  readonly nextPageToken: string;
}

/**
 * For the product team: votes fraud detection holds back, with their evidence, to clear or confirm.
 * Anyone else who opens it gets the gateway's refusal (PERMISSION_DENIED), which names the roles.
 */
export function ReviewPage({ user }: { user: SignedInUser }) {
  return (
    <section>
      <PageHeading title="Review flagged votes">Review flagged votes</PageHeading>
      <FlaggedVotes user={user} />
    </section>
  );
}

function FlaggedVotes({ user }: { user: SignedInUser }) {
  const ids = useId();
  const [includeReviewed, setIncludeReviewed] = useState(false);
  const key = `flagged:${includeReviewed}`;
  const firstPage = useRemote(key, (signal) => voting.listFlaggedVotes({ pageSize: PAGE_SIZE, includeReviewed }, { signal }));
  const [later, setLater] = useState<Loaded>();
  // Reviewed here: shown with their verdict rather than taken away under the reviewer's eyes.
  const [reviewed, setReviewed] = useState<ReadonlyMap<string, FlaggedVote>>(new Map());
  const [problem, setProblem] = useState<CallProblem>();

  const laterPages = later?.key === key ? later : undefined;
  const votes = [...(firstPage.value?.flaggedVotes ?? []), ...(laterPages?.votes ?? [])].map((vote) => reviewed.get(vote.vote?.id ?? '') ?? vote);
  const nextPageToken = laterPages?.nextPageToken ?? firstPage.value?.nextPageToken ?? '';

  const showMore = () => {
    setProblem(undefined);
    voting.listFlaggedVotes({ pageSize: PAGE_SIZE, includeReviewed, pageToken: nextPageToken }).then(
      (page) => setLater({ key, votes: [...(laterPages?.votes ?? []), ...page.flaggedVotes], nextPageToken: page.nextPageToken }),
      (error: unknown) => setProblem(describeCallError(error)),
    );
  };

  return (
    <>
      <p className="lede">
        Fraud detection holds these votes back from the tallies. Clear a genuine vote so it counts, or confirm fraud so it never does; the
        reason goes to the audit log.
      </p>
      <div className="checkbox">
        <input id={`${ids}-reviewed`} type="checkbox" checked={includeReviewed} onChange={(event) => setIncludeReviewed(event.target.checked)} />
        <label htmlFor={`${ids}-reviewed`}>Also show votes already reviewed</label>
      </div>
      {firstPage.problem && <CallErrorNotice problem={firstPage.problem} onRetry={firstPage.reload} />}
      <p role="status" className="result-count">
        {firstPage.value === undefined
          ? firstPage.problem
            ? ''
            : 'Loading flagged votes…'
          : votes.length === 0
            ? 'No votes are waiting for review.'
            : `Showing ${plural(votes.length, 'flagged vote', 'flagged votes')}${nextPageToken !== '' ? '; there are more' : ''}.`}
      </p>
      {votes.length > 0 && (
        <ol className="cards">
          {votes.map((flagged, index) => (
            <FlaggedVoteItem
              key={flagged.vote?.id ?? index}
              flagged={flagged}
              signedInSubject={user.subject}
              onReviewed={(result) => setReviewed((previous) => new Map(previous).set(result.vote?.id ?? '', result))}
            />
          ))}
        </ol>
      )}
      {problem && <CallErrorNotice problem={problem} onRetry={showMore} />}
      {nextPageToken !== '' && (
        <button type="button" className="secondary wide" onClick={showMore}>
          Show more flagged votes
        </button>
      )}
    </>
  );
}
