import { createContext, useContext } from 'react';
import type { CallProblem } from '../../errors/describe-call-error';
import type { Notification } from '../../gen/frm/v1/notification_service_pb';

/** The signed-in person's inbox as it changes: the unread count, and each notification as it lands. */
export interface InboxLive {
  /** As the platform last said; absent until it said. */
  readonly unreadCount?: bigint;
  /** Why the count no longer follows the platform, once the watch gave up. */
  readonly problem?: CallProblem;
  /** Calls `listener` with each notification as it lands; returns the way to stop. */
  onArrival(listener: (notification: Notification) => void): () => void;
  /** A command (MarkRead, MarkAllRead) said how many are left unread; the watch says nothing of reads. */
  unreadCountChanged(unreadCount: bigint): void;
}

const NOBODY_WATCHING: InboxLive = {
  onArrival: () => () => undefined,
  unreadCountChanged: () => undefined,
};

export const InboxLiveContext = createContext<InboxLive>(NOBODY_WATCHING);

export function useInboxLive(): InboxLive {
  return useContext(InboxLiveContext);
}
