import { intake } from '../../api/gateway-clients';
import { CallErrorNotice } from '../../errors/CallErrorNotice';
import type { FeatureRequest } from '../../gen/frm/v1/feature_request_pb';
import { personLabel } from '../../format/people';
import { Time } from '../../format/Time';
import { useRemote } from '../../remote/use-remote';
import { Link } from '../../routing/Link';
import { hrefOf } from '../../routing/routes';
import { StatusBadge } from '../StatusBadge';

/** The request's way so far: submitted, every status change with its reason, a merge. */
export function StatusHistorySection({ request, signedInSubject }: { request: FeatureRequest; signedInSubject: string }) {
  // Read again whenever the request moves, so the history never lags behind the badge.
  const history = useRemote(`${request.id}:${request.status}:${request.statusReason}`, (signal) =>
    intake.listStatusHistory({ featureRequestId: request.id }, { signal }),
  );
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">Status history</h2>
      {history.problem && <CallErrorNotice problem={history.problem} onRetry={history.reload} />}
      {history.value === undefined ? (
        !history.problem && <p>Loading the history…</p>
      ) : (
        <ol className="timeline">
          {history.value.changes.map((change, index) => (
            <li key={`${index}-${change.status}`}>
              <p>
                <StatusBadge status={change.status} /> <Time at={change.changeTime} /> by {personLabel(change.changedBy, signedInSubject)}
              </p>
              {change.mergedIntoId !== '' && (
                <p>
                  Merged into <Link href={hrefOf({ page: 'request', id: change.mergedIntoId })}>another request</Link>.
                </p>
              )}
              {change.unmergedFromId !== '' && (
                <p>
                  The merge into <Link href={hrefOf({ page: 'request', id: change.unmergedFromId })}>another request</Link> was undone.
                </p>
              )}
              {change.reason !== '' && <p className="reason">{change.reason}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
