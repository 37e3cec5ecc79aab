import { useSyncExternalStore } from 'react';
import type { SignedInUser } from './access-token';
import { currentSession, subscribeToSession } from './session-store';

/** The signed-in user of this tab, or null; re-renders on sign-in and sign-out. */
export function useSignedInUser(): SignedInUser | null {
  const session = useSyncExternalStore(subscribeToSession, currentSession);
  return session?.ok ? session.user : null;
}
