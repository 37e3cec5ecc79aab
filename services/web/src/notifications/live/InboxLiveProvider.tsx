import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { notifications } from '../../api/gateway-clients';
import type { CallProblem } from '../../errors/describe-call-error';
import type { Notification } from '../../gen/frm/v1/notification_service_pb';
import { InboxLiveContext, type InboxLive } from './inbox-live';
import { keepWatching } from './keep-watching';

// A watch is opened afresh this often even when nothing failed: a connection that a proxy or a
// sleeping laptop dropped without a word cannot keep the count stale for longer.
const WATCH_RENEWAL_MS = 10 * 60_000;

interface WatchState {
  readonly subject: string;
  readonly unreadCount?: bigint;
  readonly problem?: CallProblem;
}

/** Watches the inbox of the signed-in person (`subject`) for the pages inside; nobody's when signed out. */
export function InboxLiveProvider({ subject, children }: { subject: string | undefined; children: ReactNode }) {
  const [state, setState] = useState<WatchState>();
  const [listeners] = useState(() => new Set<(notification: Notification) => void>());

  useEffect(() => {
    if (subject === undefined) return;
    const controller = new AbortController();
    keepWatching(
      { open: (signal) => notifications.watchNotifications({}, { signal, timeoutMs: WATCH_RENEWAL_MS }) },
      {
        update(unreadCount, arrival) {
          setState({ subject, unreadCount });
          if (arrival) for (const listener of listeners) listener(arrival);
        },
        stopped(problem) {
          setState((previous) => ({ ...(previous?.subject === subject ? previous : { subject }), problem }));
        },
      },
      controller.signal,
    );
    return () => controller.abort();
  }, [subject, listeners]);

  const current = state !== undefined && state.subject === subject ? state : undefined;
  const onArrival = useCallback(
    (listener: (notification: Notification) => void) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    [listeners],
  );
  const unreadCountChanged = useCallback(
    (unreadCount: bigint) => {
      if (subject !== undefined) setState((previous) => ({ ...(previous?.subject === subject ? previous : { subject }), unreadCount }));
    },
    [subject],
  );
  const unreadCount = current?.unreadCount;
  const problem = current?.problem;
  const live = useMemo<InboxLive>(
    () => ({
      ...(unreadCount !== undefined ? { unreadCount } : {}),
      ...(problem !== undefined ? { problem } : {}),
      onArrival,
      unreadCountChanged,
    }),
    [unreadCount, problem, onArrival, unreadCountChanged],
  );
  return <InboxLiveContext.Provider value={live}>{children}</InboxLiveContext.Provider>;
}
