import { Link } from '../routing/Link';
import { PageHeading } from './PageHeading';

export function NotFoundPage() {
  return (
    <section>
      <PageHeading title="Page not found">Page not found</PageHeading>
      <p>
        There is no such page on the board. <Link href="/">See all feature requests</Link>.
      </p>
    </section>
  );
}
