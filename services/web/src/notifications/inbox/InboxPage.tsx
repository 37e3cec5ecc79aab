import { useEffect, useState } from 'react';
import { notifications } from '../../api/gateway-clients';
import { newRequestId } from '../../api/new-request-id';
import { PageHeading } from '../../app/PageHeading';
import { CallErrorNotice } from '../../errors/CallErrorNotice';
import { describeCallError, type CallProblem } from '../../errors/describe-call-error';
import type { Notification } from '../../gen/frm/v1/notification_service_pb';
import { formatCount, plural } from '../../format/people';
import { useClock } from '../../format/use-clock';
import { useRemote } from '../../remote/use-remote';
import { Link } from '../../routing/Link';
import { hrefOf } from '../../routing/routes';
import type { SignedInUser } from '../../session/access-token';
import { useInboxLive } from '../live/inbox-live';
import { inboxEntries, unreadIdsOf, withArrival } from './inbox-list';
import { NotificationItem } from './NotificationItem';

const PAGE_SIZE = 20;

interface LaterPages {
  readonly notifications: readonly Notification[];
  readonly nextPageToken: string;
}

/** The person's notifications: unread first, new ones on top as they land, a page at a time. */
export function InboxPage({ user }: { user: SignedInUser }) {
  const { unreadCount: liveUnreadCount, problem: watchProblem, onArrival, unreadCountChanged } = useInboxLive();
  const now = useClock();
  const firstPage = useRemote(`inbox:${user.subject}`, (signal) => notifications.listNotifications({ pageSize: PAGE_SIZE }, { signal }));
  const [later, setLater] = useState<LaterPages>();
  const [arrivals, setArrivals] = useState<readonly Notification[]>([]);
  const [markedRead, setMarkedRead] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [problem, setProblem] = useState<CallProblem>();
  const [said, setSaid] = useState('');
  const [focusId, setFocusId] = useState<string>();

  useEffect(() => onArrival((arrival) => setArrivals((previous) => withArrival(previous, arrival))), [onArrival]);
  useEffect(() => {
    if (focusId !== undefined) document.getElementById(focusId)?.focus();
  }, [focusId]);

  const entries = inboxEntries(arrivals, [...(firstPage.value?.notifications ?? []), ...(later?.notifications ?? [])], markedRead);
  const nextPageToken = later?.nextPageToken ?? firstPage.value?.nextPageToken ?? '';
  const unreadCount = liveUnreadCount ?? firstPage.value?.unreadCount;

  const markRead = (ids: readonly string[], all: boolean) => {
    setBusy(true);
    setProblem(undefined);
    setSaid('');
    const command = all ? notifications.markAllRead({ requestId: newRequestId() }) : notifications.markRead({ requestId: newRequestId(), notificationIds: [...ids] });
    command
      .then(
        (left) => {
          setMarkedRead((previous) => new Set([...previous, ...ids]));
          unreadCountChanged(left.unreadCount);
          setSaid(all ? 'All notifications are marked read.' : 'Marked read.');
          if (!all && ids[0] !== undefined) setFocusId(`notification-${ids[0]}`);
        },
        (error: unknown) => setProblem(describeCallError(error)),
      )
      .finally(() => setBusy(false));
  };

  const loadMore = () => {
    setLoadingMore(true);
    setProblem(undefined);
    notifications
      .listNotifications({ pageSize: PAGE_SIZE, pageToken: nextPageToken })
      .then(
        (page) => {
          setLater({ notifications: [...(later?.notifications ?? []), ...page.notifications], nextPageToken: page.nextPageToken });
          // Keyboard and screen-reader users continue from the first notification they have not seen.
          const first = page.notifications.find((notification) => !entries.some((entry) => entry.id === notification.id));
          if (first !== undefined) setFocusId(`notification-${first.id}`);
        },
        (error: unknown) => setProblem(describeCallError(error)),
      )
      .finally(() => setLoadingMore(false));
  };

  return (
    <section>
      <PageHeading title="Inbox">Inbox</PageHeading>
      <p className="lede">
        What happened to the requests you follow: the ones you submitted or voted for, and the ones you chose to follow.{' '}
        <Link href={hrefOf({ page: 'notification-settings' })}>Notification settings</Link>
      </p>
      {firstPage.problem && <CallErrorNotice problem={firstPage.problem} onRetry={firstPage.reload} />}
      {watchProblem && (
        <p className="hint">
          New notifications no longer show here as they come ({watchProblem.title}, {watchProblem.status}); reload the page to see them.
        </p>
      )}
      <p role="status" className="result-count">
        {firstPage.value === undefined
          ? firstPage.problem
            ? ''
            : 'Loading your notifications…'
          : entries.length === 0
            ? 'Nothing yet. You hear here when a request you follow moves on.'
            : `Showing ${plural(entries.length, 'notification', 'notifications')}${unreadCount !== undefined ? `, ${formatCount(unreadCount)} unread` : ''}${nextPageToken !== '' ? '; there are more' : ''}.`}
      </p>
      {entries.length > 0 && (
        <div className="actions inbox-actions">
          <button type="button" className="secondary" onClick={() => markRead(unreadIdsOf(entries), true)} disabled={busy}>
            Mark all read
          </button>
        </div>
      )}
      <p role="status" className="said">
        {said}
      </p>
      {problem && <CallErrorNotice problem={problem} />}
      {entries.length > 0 && (
        <ol className="cards notifications" aria-label="Notifications">
          {entries.map((notification) => (
            <NotificationItem key={notification.id} notification={notification} now={now} busy={busy} onMarkRead={(id) => markRead([id], false)} />
          ))}
        </ol>
      )}
      {nextPageToken !== '' && (
        <button type="button" className="secondary wide" onClick={loadMore} disabled={loadingMore}>
          {loadingMore ? 'Loading more…' : 'Load more'}
        </button>
      )}
    </section>
  );
}
