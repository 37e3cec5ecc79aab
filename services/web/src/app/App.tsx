import { BoardPage } from '../feature-requests/board/BoardPage';
import { RequestPage } from '../feature-requests/request/RequestPage';
import { SubmitPage } from '../feature-requests/submit/SubmitPage';
import { InboxPage } from '../notifications/inbox/InboxPage';
import { InboxLiveProvider } from '../notifications/live/InboxLiveProvider';
import { NotificationSettingsPage } from '../notifications/settings/NotificationSettingsPage';
import { useLocation } from '../routing/navigation';
import { routeOf, type Route } from '../routing/routes';
import type { SignedInUser } from '../session/access-token';
import { SignInPage } from '../session/SignInPage';
import { useSignedInUser } from '../session/use-session';
import { ReviewPage } from '../votes/review/ReviewPage';
import { NotFoundPage } from './NotFoundPage';
import { SiteHeader } from './SiteHeader';

export function App() {
  const user = useSignedInUser();
  const { pathname, search } = useLocation();
  const route = routeOf(pathname, search);
  return (
    // Signed in, the inbox is watched on every page: the header shows the unread count as it changes.
    <InboxLiveProvider subject={user?.subject}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SiteHeader user={user} route={route} />
      <main id="main" tabIndex={-1}>
        {/* Signed out, every URL shows the sign-in, and the page asked for once signed in. */}
        {user === null ? <SignInPage /> : <PageOf route={route} user={user} />}
      </main>
    </InboxLiveProvider>
  );
}

function PageOf({ route, user }: { route: Route; user: SignedInUser }) {
  switch (route.page) {
    case 'board':
      return <BoardPage query={route.query} />;
    case 'request':
      // Keyed by id: another request's page starts afresh, its focus and forms included.
      return <RequestPage key={route.id} id={route.id} user={user} />;
    case 'submit':
      return <SubmitPage user={user} />;
    case 'review':
      return <ReviewPage user={user} />;
    case 'inbox':
      return <InboxPage user={user} />;
    case 'notification-settings':
      return <NotificationSettingsPage user={user} />;
    case 'not-found':
      return <NotFoundPage />;
  }
}
