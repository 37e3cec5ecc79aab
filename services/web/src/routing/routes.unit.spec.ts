import { FeatureRequestStatus } from '../gen/frm/v1/feature_request_pb';
import { FeatureRequestSort } from '../gen/frm/v1/intake_service_pb';
import { DEFAULT_LIST_QUERY, listQueryFromSearch, listRequestOf, PAGE_SIZE, searchOfListQuery } from '../feature-requests/list-query';
import { hrefOf, routeOf } from './routes';

const ID = '0b9a4c1e-3f7d-4e2a-9c55-1d2e3f4a5b6c';

describe('routes', () => {
  it('knows the board, a request, the submit form and the review page', () => {
    expect(routeOf('/', '')).toEqual({ page: 'board', query: DEFAULT_LIST_QUERY });
    expect(routeOf(`/requests/${ID}`, '')).toEqual({ page: 'request', id: ID });
    expect(routeOf(`/requests/${ID.toUpperCase()}/`, '')).toEqual({ page: 'request', id: ID });
    expect(routeOf('/submit', '')).toEqual({ page: 'submit' });
    expect(routeOf('/review', '')).toEqual({ page: 'review' });
  });

  it('knows the inbox and the notification settings, with or without a trailing slash', () => {
    expect(routeOf('/inbox', '')).toEqual({ page: 'inbox' });
    expect(routeOf('/inbox/', '?from=mail')).toEqual({ page: 'inbox' });
    expect(routeOf('/settings/notifications', '')).toEqual({ page: 'notification-settings' });
    expect(routeOf('/settings/notifications/', '')).toEqual({ page: 'notification-settings' });
  });

  it('answers anything else with not-found', () => {
    expect(routeOf('/requests/42', '')).toEqual({ page: 'not-found' });
    expect(routeOf('/admin', '')).toEqual({ page: 'not-found' });
    expect(routeOf('/settings', '')).toEqual({ page: 'not-found' });
    expect(routeOf('/inbox/unread', '')).toEqual({ page: 'not-found' });
    expect(routeOf('/inbox//', '')).toEqual({ page: 'not-found' });
    expect(routeOf('/constructor', '')).toEqual({ page: 'not-found' });
  });

  it('round-trips every page through its URL', () => {
    const query = { sort: FeatureRequestSort.TRENDING, query: 'seating & tables', status: FeatureRequestStatus.PLANNED, category: 'guest-management' };
    for (const route of [{ page: 'board', query } as const, { page: 'request', id: ID } as const, { page: 'submit' } as const, { page: 'review' } as const, { page: 'inbox' } as const, { page: 'notification-settings' } as const]) {
      const url = new URL(hrefOf(route), 'http://board.test');
      expect(routeOf(url.pathname, url.search)).toEqual(route);
    }
  });
});

describe('list query', () => {
  it('writes only what differs from the defaults into the URL', () => {
    expect(searchOfListQuery(DEFAULT_LIST_QUERY)).toBe('');
    expect(searchOfListQuery({ ...DEFAULT_LIST_QUERY, sort: FeatureRequestSort.TOP, query: 'rsvp' })).toBe('?sort=top&q=rsvp');
  });

  it('falls back to the defaults for values it does not know', () => {
    expect(listQueryFromSearch('?sort=best&status=lost&q=%20%20')).toEqual(DEFAULT_LIST_QUERY);
  });

  it('asks ListFeatureRequests for one page with the same filters on every page', () => {
    const query = listQueryFromSearch('?sort=top&status=under_review&category=payments&q=deposit');
    expect(listRequestOf(query)).toEqual({
      pageSize: PAGE_SIZE,
      pageToken: '',
      sort: FeatureRequestSort.TOP,
      query: 'deposit',
      category: 'payments',
      statuses: [FeatureRequestStatus.UNDER_REVIEW],
    });
    expect(listRequestOf(query, 'next')).toMatchObject({ pageToken: 'next', statuses: [FeatureRequestStatus.UNDER_REVIEW] });
    expect(listRequestOf(DEFAULT_LIST_QUERY).statuses).toEqual([]);
  });
});
