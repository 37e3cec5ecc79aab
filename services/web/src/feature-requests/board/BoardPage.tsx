import { useEffect, useState } from 'react';
import { intake } from '../../api/gateway-clients';
import { PageHeading } from '../../app/PageHeading';
import { CallErrorNotice } from '../../errors/CallErrorNotice';
import { describeCallError, type CallProblem } from '../../errors/describe-call-error';
import type { FeatureRequest } from '../../gen/frm/v1/feature_request_pb';
import { plural } from '../../format/people';
import { useRemote } from '../../remote/use-remote';
import { Link } from '../../routing/Link';
import { listRequestOf, searchOfListQuery, type ListQuery } from '../list-query';
import { FeatureRequestCard } from './FeatureRequestCard';
import { ListFilters } from './ListFilters';

interface LaterPages {
  readonly key: string;
  readonly requests: readonly FeatureRequest[];
  readonly nextPageToken: string;
}

/** The list of feature requests: sorted, searched, filtered, a page at a time. */
export function BoardPage({ query }: { query: ListQuery }) {
  const key = searchOfListQuery(query);
  const firstPage = useRemote(key, (signal) => intake.listFeatureRequests(listRequestOf(query), { signal }));
  const [later, setLater] = useState<LaterPages>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreProblem, setMoreProblem] = useState<{ key: string; problem: CallProblem }>();
  const [focusRequestId, setFocusRequestId] = useState<string>();

  const laterPages = later?.key === key ? later : undefined;
  const requests = [...(firstPage.value?.featureRequests ?? []), ...(laterPages?.requests ?? [])];
  const nextPageToken = laterPages?.nextPageToken ?? firstPage.value?.nextPageToken ?? '';

  useEffect(() => {
    if (focusRequestId !== undefined) document.getElementById(`request-link-${focusRequestId}`)?.focus();
  }, [focusRequestId]);

  const showMore = () => {
    setLoadingMore(true);
    setMoreProblem(undefined);
    intake
      .listFeatureRequests(listRequestOf(query, nextPageToken))
      .then(
        (page) => {
          setLater({ key, requests: [...(laterPages?.requests ?? []), ...page.featureRequests], nextPageToken: page.nextPageToken });
          // Keyboard and screen-reader users continue from the first request they have not seen.
          setFocusRequestId(page.featureRequests[0]?.id);
        },
        (error: unknown) => setMoreProblem({ key, problem: describeCallError(error) }),
      )
      .finally(() => setLoadingMore(false));
  };

  return (
    <section>
      <PageHeading title="Feature requests">Feature requests</PageHeading>
      <p className="lede">
        What couples and suppliers want from the marketplace. Vote for what matters to you, or <Link href="/submit">submit a request</Link>.
      </p>
      <ListFilters query={query} />
      {firstPage.problem && <CallErrorNotice problem={firstPage.problem} onRetry={firstPage.reload} />}
      <p role="status" className="result-count">
        {firstPage.loading && firstPage.value === undefined
          ? 'Loading requests…'
          : requests.length === 0
            ? firstPage.problem
              ? ''
              : 'No requests match. Try other filters, or submit the first one.'
            : `Showing ${plural(requests.length, 'request', 'requests')}${nextPageToken !== '' ? '; there are more' : ''}.`}
      </p>
      {requests.length > 0 && (
        <ol className="cards" aria-label="Feature requests">
          {requests.map((request) => (
            <FeatureRequestCard key={request.id} request={request} />
          ))}
        </ol>
      )}
      {moreProblem?.key === key && <CallErrorNotice problem={moreProblem.problem} onRetry={showMore} />}
      {nextPageToken !== '' && (
        <button type="button" className="secondary wide" onClick={showMore} disabled={loadingMore}>
          {loadingMore ? 'Loading more…' : 'Show more requests'}
        </button>
      )}
    </section>
  );
}
