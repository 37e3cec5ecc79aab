import { frmV1 } from '@frm/contracts';
import type { FieldViolation } from '@frm/grpc-errors';
import { checkCategory, checkUuid, lengthOf, refuseIfAny, type FeatureRequestStatus } from '../../domain';
import { fromStatusName } from '../../event-codec/status-names';

export const MAX_QUERY_LENGTH = 200;

export type FeatureRequestSort = 'new' | 'top' | 'trending';

/** A ListFeatureRequests request, checked and normalised. */
export interface FeatureRequestFilter {
  /** Sorted; empty means every status except merged. */
  readonly statuses: readonly FeatureRequestStatus[];
  readonly category: string | undefined;
  readonly tag: string | undefined;
  readonly authorId: string | undefined;
  readonly query: string | undefined;
  readonly sort: FeatureRequestSort;
}

const SORTS: Readonly<Record<string, FeatureRequestSort>> = {
  [frmV1.FeatureRequestSort.FEATURE_REQUEST_SORT_UNSPECIFIED]: 'new',
  [frmV1.FeatureRequestSort.FEATURE_REQUEST_SORT_NEWEST]: 'new',
  [frmV1.FeatureRequestSort.FEATURE_REQUEST_SORT_TOP]: 'top',
  [frmV1.FeatureRequestSort.FEATURE_REQUEST_SORT_TRENDING]: 'trending',
};

/** INVALID_ARGUMENT naming every field that is wrong. */
export function filterOf(request: frmV1.ListFeatureRequestsRequest): FeatureRequestFilter {
  const violations: FieldViolation[] = [];
  const statuses = new Set<FeatureRequestStatus>();
  request.statuses.forEach((name, index) => {
    const status = fromStatusName(String(name));
    if (status === undefined) violations.push({ field: `statuses[${index}]`, rule: 'must be a FeatureRequestStatus other than UNSPECIFIED' });
    else statuses.add(status);
  });
  const category = request.category.trim();
  if (category !== '') checkCategory('category', category, violations);
  const tag = request.tag.trim().toLowerCase();
  const authorId = request.authorId.trim().toLowerCase();
  if (authorId !== '') checkUuid('author_id', authorId, violations);
  const query = request.query.trim();
  if (lengthOf(query) > MAX_QUERY_LENGTH) {
    violations.push({ field: 'query', rule: `must be at most ${MAX_QUERY_LENGTH} characters`, got: lengthOf(query) });
  }
  const sort = sortOf(request.sort, violations);
  refuseIfAny(violations);
  return {
    statuses: [...statuses].sort(),
    category: category || undefined,
    tag: tag || undefined,
    authorId: authorId || undefined,
    query: query || undefined,
    sort,
  };
}

function sortOf(sort: frmV1.FeatureRequestSort, violations: FieldViolation[]): FeatureRequestSort {
  const known = Object.hasOwn(SORTS, String(sort)) ? SORTS[String(sort)] : undefined;
  if (known === undefined) violations.push({ field: 'sort', rule: 'must be a FeatureRequestSort' });
  return known ?? 'new';
}
