import { listQueryFromSearch, searchOfListQuery, type ListQuery } from '../feature-requests/list-query';

/** The board's pages; each has its own URL, which the gateway answers with index.html. */
export type Route =
  | { readonly page: 'board'; readonly query: ListQuery }
  | { readonly page: 'request'; readonly id: string }
  | { readonly page: 'submit' }
  | { readonly page: 'review' }
  | { readonly page: 'inbox' }
  | { readonly page: 'notification-settings' }
  | { readonly page: 'not-found' };

const REQUEST_PATH = /^\/requests\/([0-9a-fA-F-]{36})\/?$/;

// The pages without parameters, by path (a trailing slash is accepted too).
const FIXED_PAGES: ReadonlyMap<string, Route> = new Map([
  ['/submit', { page: 'submit' }],
  ['/review', { page: 'review' }],
  ['/inbox', { page: 'inbox' }],
  ['/settings/notifications', { page: 'notification-settings' }],
]);

export function routeOf(pathname: string, search: string): Route {
  if (pathname === '/' || pathname === '') return { page: 'board', query: listQueryFromSearch(search) };
  const fixed = FIXED_PAGES.get(pathname.replace(/(.)\/$/, '$1'));
  if (fixed) return fixed;
  const request = REQUEST_PATH.exec(pathname);
  if (request) return { page: 'request', id: (request[1] as string).toLowerCase() };
  return { page: 'not-found' };
}

export function hrefOf(route: Exclude<Route, { page: 'not-found' }>): string {
  switch (route.page) {
    case 'board':
      return `/${searchOfListQuery(route.query)}`;
    case 'request':
      return `/requests/${encodeURIComponent(route.id)}`;
    case 'submit':
      return '/submit';
    case 'review':
      return '/review';
    case 'inbox':
      return '/inbox';
    case 'notification-settings':
      return '/settings/notifications';
  }
}
