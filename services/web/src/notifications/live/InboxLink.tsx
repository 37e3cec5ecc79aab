import { useEffect, useState } from 'react';
import { formatCount } from '../../format/people';
import { Link } from '../../routing/Link';
import { hrefOf } from '../../routing/routes';
import { notificationHeadline } from '../notification-words';
import { useInboxLive } from './inbox-live';

/** The header's way to the inbox, with the unread count as it changes; new arrivals are announced. */
export function InboxLink({ current }: { current: 'page' | undefined }) {
  const { unreadCount, onArrival } = useInboxLive();
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => onArrival((notification) => setAnnouncement(`New notification. ${notificationHeadline(notification)}`)), [onArrival]);
  return (
    <>
      <Link href={hrefOf({ page: 'inbox' })} aria-current={current} className={unreadCount !== undefined && unreadCount > 0n ? 'inbox-link has-unread' : 'inbox-link'}>
        Inbox
        {unreadCount !== undefined && (
          <>
            {' '}
            {/* Seen as "Inbox (3)", heard as "Inbox, 3 unread". */}
            <span aria-hidden="true">
              (<span data-testid="unread-count">{formatCount(unreadCount)}</span>)
            </span>
            <span className="visually-hidden">{`, ${formatCount(unreadCount)} unread`}</span>
          </>
        )}
      </Link>
      <span role="status" className="visually-hidden">
        {announcement}
      </span>
    </>
  );
}
