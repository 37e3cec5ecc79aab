import { intake } from '../../api/gateway-clients';
import { PageHeading } from '../../app/PageHeading';
import { CallErrorNotice } from '../../errors/CallErrorNotice';
import { personLabel } from '../../format/people';
import { Time } from '../../format/Time';
import { useRemote } from '../../remote/use-remote';
import { useVisibleInterval } from '../../remote/use-visible-interval';
import { Link } from '../../routing/Link';
import { hrefOf } from '../../routing/routes';
import type { SignedInUser } from '../../session/access-token';
import { isStaff } from '../../session/roles';
import { catalogueLabel } from '../catalogue';
import { StatusBadge } from '../StatusBadge';
import { TagList } from '../TagList';
import { ChangeStatusForm } from './ChangeStatusForm';
import { CommentsSection } from './CommentsSection';
import { MergeForm } from './MergeForm';
import { UnmergeForm } from './UnmergeForm';
import { StatusHistorySection } from './StatusHistorySection';
import { RequestSupport } from './RequestSupport';

// The product team moves requests from elsewhere; an open page follows within this time.
const REQUEST_REFRESH_MS = 10_000;

/** One feature request: what it asks, where it stands, its support and its discussion. */
export function RequestPage({ id, user }: { id: string; user: SignedInUser }) {
  const loaded = useRemote(`request:${id}`, (signal) => intake.getFeatureRequest({ featureRequestId: id }, { signal }));
  useVisibleInterval(loaded.reload, REQUEST_REFRESH_MS);
  const request = loaded.value;

  return (
    <article className="request-page">
      <p className="back">
        <Link href="/">← All requests</Link>
      </p>
      <PageHeading title={request?.title ?? 'Feature request'}>{request?.title ?? (loaded.problem ? 'Feature request' : 'Loading…')}</PageHeading>
      {loaded.problem && <CallErrorNotice problem={loaded.problem} onRetry={loaded.reload} />}
      {request && (
        <>
          <p className="meta">
            <StatusBadge status={request.status} />
            <span>{catalogueLabel(request.category)}</span>
            <span>
              Submitted by {personLabel(request.authorId, user.subject)} on <Time at={request.createTime} />
            </span>
          </p>
          <TagList tags={request.tags} />
          {request.mergedIntoId !== '' && (
            <p className="notice">
              Merged into <Link href={hrefOf({ page: 'request', id: request.mergedIntoId })}>another request</Link>, which now carries its votes.
            </p>
          )}
          {request.statusReason !== '' && (
            <p className="status-reason">
              <span className="label">Reason given: </span>
              {request.statusReason}
            </p>
          )}
          <section aria-labelledby="description-heading">
            <h2 id="description-heading" className="visually-hidden">
              Description
            </h2>
            {request.description.trim() !== '' ? <p className="description">{request.description}</p> : <p className="hint">No description.</p>}
          </section>
          {/* Right after what the request asks: the vote is the first thing a keyboard reaches. */}
          <RequestSupport request={request} user={user} />
          {isStaff(user) && (
            <section className="panel staff" aria-labelledby="staff-heading">
              <h2 id="staff-heading">Product team</h2>
              <ChangeStatusForm request={request} onChanged={loaded.replace} />
              {/* Keyed by status: a form starts afresh once a merge or its undoing has moved the request. */}
              <MergeForm key={`merge-${request.status}`} request={request} onMerged={loaded.replace} />
              <UnmergeForm key={`unmerge-${request.status}`} request={request} onUnmerged={loaded.replace} />
            </section>
          )}
          <StatusHistorySection request={request} signedInSubject={user.subject} />
          <CommentsSection request={request} signedInSubject={user.subject} />
        </>
      )}
    </article>
  );
}
