import type { MessageInitShape } from '@bufbuild/protobuf';
import type { FeatureRequestStatus } from '../gen/frm/v1/feature_request_pb';
import { FeatureRequestSort, type ListFeatureRequestsRequestSchema } from '../gen/frm/v1/intake_service_pb';
import { statusFromSlug, statusSlug } from './status-labels';

/** What the board lists: kept in the URL, so a view can be shared, bookmarked and gone back to. */
export interface ListQuery {
  readonly sort: FeatureRequestSort;
  readonly query: string;
  readonly status?: FeatureRequestStatus;
  readonly category: string;
}

export const PAGE_SIZE = 20;

/** The board's orders, as ListFeatureRequests sorts. */
export const SORT_CHOICES: readonly { readonly sort: FeatureRequestSort; readonly slug: string; readonly label: string }[] = [
  { sort: FeatureRequestSort.NEWEST, slug: 'new', label: 'New' },
  { sort: FeatureRequestSort.TOP, slug: 'top', label: 'Top' },
  { sort: FeatureRequestSort.TRENDING, slug: 'trending', label: 'Trending' },
];

export const DEFAULT_LIST_QUERY: ListQuery = { sort: FeatureRequestSort.NEWEST, query: '', category: '' };

/** `?sort=top&q=seating&status=planned&category=payments` → the query; unknown values fall back to the defaults. */
export function listQueryFromSearch(search: string): ListQuery {
  const params = new URLSearchParams(search);
  const sort = SORT_CHOICES.find((choice) => choice.slug === params.get('sort'))?.sort ?? DEFAULT_LIST_QUERY.sort;
  const status = statusFromSlug(params.get('status') ?? '');
  return {
    sort,
    query: (params.get('q') ?? '').trim(),
    category: (params.get('category') ?? '').trim(),
    ...(status !== undefined ? { status } : {}),
  };
}

/** The query as a URL search string (`?…`, or empty for the defaults), only non-default values. */
export function searchOfListQuery(query: ListQuery): string {
  const params = new URLSearchParams();
  if (query.sort !== DEFAULT_LIST_QUERY.sort) params.set('sort', sortSlug(query.sort));
  if (query.query !== '') params.set('q', query.query);
  if (query.status !== undefined) params.set('status', statusSlug(query.status));
  if (query.category !== '') params.set('category', query.category);
  const search = params.toString();
  return search === '' ? '' : `?${search}`;
}

export function sortSlug(sort: FeatureRequestSort): string {
  return SORT_CHOICES.find((choice) => choice.sort === sort)?.slug ?? 'new';
}

/** One page of the list: the filters never change between pages, as the page token requires. */
export function listRequestOf(query: ListQuery, pageToken = ''): MessageInitShape<typeof ListFeatureRequestsRequestSchema> {
  return {
    pageSize: PAGE_SIZE,
    pageToken,
    sort: query.sort,
    query: query.query,
    category: query.category,
    statuses: query.status !== undefined ? [query.status] : [],
  };
}
