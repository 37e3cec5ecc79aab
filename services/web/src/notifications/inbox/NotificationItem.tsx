import { StatusBadge } from '../../feature-requests/StatusBadge';
import { FeatureRequestStatus } from '../../gen/frm/v1/feature_request_pb';
import type { Notification } from '../../gen/frm/v1/notification_service_pb';
import { RelativeTime } from '../../format/RelativeTime';
import { Link } from '../../routing/Link';
import { hrefOf } from '../../routing/routes';
import { isStatusMove, notificationKindLabel, notificationSummary, noteLabel } from '../notification-words';

interface NotificationItemProps {
  readonly notification: Notification;
  readonly now: number;
  readonly busy: boolean;
  onMarkRead(id: string): void;
}

/** One notification: what happened to which request, when, and the product team's words with it. */
export function NotificationItem({ notification, now, busy, onMarkRead }: NotificationItemProps) {
  const { id, read, featureRequestId, featureRequestTitle: title, note } = notification;
  return (
    // Takes the focus once marked read, as its button is then gone.
    <li className={read ? 'card notification' : 'card notification unread'} id={`notification-${id}`} tabIndex={-1}>
      <p className="meta">
        {!read && <span className="badge badge-unread">Unread</span>}
        <span className="kind">{notificationKindLabel(notification.kind)}</span>
        <RelativeTime at={notification.occurredAt} now={now} />
      </p>
      <h2 className="card-title">
        {featureRequestId !== '' ? <Link href={hrefOf({ page: 'request', id: featureRequestId })}>{title}</Link> : notificationKindLabel(notification.kind)}
      </h2>
      {isStatusMove(notification) ? (
        <p className="status-move">
          {notification.fromStatus !== FeatureRequestStatus.UNSPECIFIED ? (
            <>
              Moved from <StatusBadge status={notification.fromStatus} /> to <StatusBadge status={notification.toStatus} />
            </>
          ) : (
            <>
              Now <StatusBadge status={notification.toStatus} />
            </>
          )}
        </p>
      ) : (
        notificationSummary(notification) !== '' && <p>{notificationSummary(notification)}</p>
      )}
      {note !== '' && (
        <p className="note">
          <span className="label">{noteLabel(notification)}: </span>
          {note}
        </p>
      )}
      {!read && (
        <button
          type="button"
          className="secondary"
          onClick={() => onMarkRead(id)}
          disabled={busy}
          aria-label={`Mark read: ${title !== '' ? title : notificationKindLabel(notification.kind)}`}
        >
          Mark read
        </button>
      )}
    </li>
  );
}
