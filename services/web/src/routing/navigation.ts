import { useSyncExternalStore } from 'react';

// The History API, as a store React can subscribe to: pushState does not fire popstate, so the
// board announces its own navigations.
const NAVIGATED = 'frm:navigated';

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATED, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATED, listener);
  };
}

const locationKey = () => `${window.location.pathname}${window.location.search}`;

/** The current path and search; re-renders on every navigation, the browser's Back included. */
export function useLocation(): { pathname: string; search: string } {
  const key = useSyncExternalStore(subscribe, locationKey);
  const url = new URL(key, window.location.origin);
  return { pathname: url.pathname, search: url.search };
}

/** Goes to `href` inside the board; `replace` for changes that are not a step to go back to. */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (href === locationKey()) return;
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  window.dispatchEvent(new Event(NAVIGATED));
}
