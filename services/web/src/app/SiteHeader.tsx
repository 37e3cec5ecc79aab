import type { SignedInUser } from '../session/access-token';
import { isStaff } from '../session/roles';
import { signOut } from '../session/session-store';
import { InboxLink } from '../notifications/live/InboxLink';
import { Link } from '../routing/Link';
import type { Route } from '../routing/routes';

export function SiteHeader({ user, route }: { user: SignedInUser | null; route: Route }) {
  const current = (page: Route['page']) => (route.page === page ? ('page' as const) : undefined);
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        Wedding feature requests
      </Link>
      {user !== null && (
        <>
          <nav aria-label="Main">
            <ul>
              <li>
                <Link href="/" aria-current={current('board')}>
                  Requests
                </Link>
              </li>
              <li>
                <Link href="/submit" aria-current={current('submit')}>
                  Submit a request
                </Link>
              </li>
              <li>
                <InboxLink current={current('inbox')} />
              </li>
              {isStaff(user) && (
                <li>
                  <Link href="/review" aria-current={current('review')}>
                    Review votes
                  </Link>
                </li>
              )}
            </ul>
          </nav>
          <div className="who">
            <p>
              Signed in as <code className="subject">{user.subject}</code>
              <span className="roles"> · {user.roles.length > 0 ? user.roles.join(', ') : 'no role'}</span>
            </p>
            <button type="button" className="secondary" onClick={signOut}>
              Sign out
            </button>
          </div>
        </>
      )}
    </header>
  );
}
