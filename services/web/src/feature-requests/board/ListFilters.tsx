import { useId, type FormEvent } from 'react';
import { navigate } from '../../routing/navigation';
import { Link } from '../../routing/Link';
import { hrefOf } from '../../routing/routes';
import { CATEGORIES, catalogueLabel } from '../catalogue';
import { DEFAULT_LIST_QUERY, searchOfListQuery, SORT_CHOICES, type ListQuery } from '../list-query';
import { statusFromSlug, statusLabel, statusSlug, STATUSES } from '../status-labels';

/** Sort, search and filters; every choice is a URL, so Back returns to the previous view. */
export function ListFilters({ query }: { query: ListQuery }) {
  const ids = useId();
  const go = (changed: Partial<ListQuery>) => navigate(hrefOf({ page: 'board', query: { ...query, ...changed } }));

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const typed = new FormData(event.currentTarget).get('q');
    go({ query: typeof typed === 'string' ? typed.trim() : '' });
  };

  return (
    <div className="filters">
      <nav aria-label="Sort requests" className="sorts">
        <ul>
          {SORT_CHOICES.map((choice) => (
            <li key={choice.slug}>
              <Link href={hrefOf({ page: 'board', query: { ...query, sort: choice.sort } })} aria-current={choice.sort === query.sort ? 'page' : undefined}>
                {choice.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form role="search" aria-label="Requests" onSubmit={search} className="search">
        <label htmlFor={`${ids}-q`}>Search titles and descriptions</label>
        <div className="inline">
          {/* Keyed by the URL's query, so Back and "Clear" show the search that is listed. */}
          <input id={`${ids}-q`} key={query.query} name="q" type="search" defaultValue={query.query} />
          <button type="submit">Search</button>
        </div>
      </form>
      <div className="selects">
        <div className="field">
          <label htmlFor={`${ids}-status`}>Status</label>
          <select
            id={`${ids}-status`}
            value={query.status !== undefined ? statusSlug(query.status) : ''}
            onChange={(event) => {
              const status = statusFromSlug(event.target.value);
              go(status !== undefined ? { status } : { status: undefined });
            }}
          >
            <option value="">Every status but merged</option>
            {STATUSES.map((status) => (
              <option key={status} value={statusSlug(status)}>
                {statusLabel(status)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-category`}>Category</label>
          <select id={`${ids}-category`} value={query.category} onChange={(event) => go({ category: event.target.value })}>
            <option value="">All categories</option>
            {CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {catalogueLabel(category)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {searchOfListQuery({ ...query, sort: DEFAULT_LIST_QUERY.sort }) !== '' && (
        <p>
          <Link href={hrefOf({ page: 'board', query: { ...DEFAULT_LIST_QUERY, sort: query.sort } })}>Clear search and filters</Link>
        </p>
      )}
    </div>
  );
}
