import { notifications } from '../../api/gateway-clients';
import { PageHeading } from '../../app/PageHeading';
import { CallErrorNotice } from '../../errors/CallErrorNotice';
import { useRemote } from '../../remote/use-remote';
import { Link } from '../../routing/Link';
import { hrefOf } from '../../routing/routes';
import type { SignedInUser } from '../../session/access-token';
import { PreferencesEditor } from './PreferencesEditor';

/** How and when the person hears about the requests they follow: channels, digest, quiet hours. */
export function NotificationSettingsPage({ user }: { user: SignedInUser }) {
  const loaded = useRemote(`preferences:${user.subject}`, (signal) => notifications.getPreferences({}, { signal }));
  return (
    <section className="narrow">
      <PageHeading title="Notification settings">Notification settings</PageHeading>
      <p className="lede">
        How and when you hear about the requests you follow. <Link href={hrefOf({ page: 'inbox' })}>Back to your inbox</Link>
      </p>
      {loaded.problem && <CallErrorNotice problem={loaded.problem} onRetry={loaded.reload} />}
      {loaded.value !== undefined ? (
        <PreferencesEditor initial={loaded.value} isCouple={user.roles.includes('couple')} />
      ) : (
        !loaded.problem && <p>Loading your settings…</p>
      )}
    </section>
  );
}
