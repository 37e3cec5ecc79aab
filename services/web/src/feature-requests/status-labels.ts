import { FeatureRequestStatus } from '../gen/frm/v1/feature_request_pb';

interface StatusText {
  readonly label: string;
  /** How the status appears in board URLs (`?status=under_review`). */
  readonly slug: string;
}

const TEXTS: Readonly<Record<FeatureRequestStatus, StatusText>> = {
  [FeatureRequestStatus.UNSPECIFIED]: { label: 'Unknown', slug: 'unknown' },
  [FeatureRequestStatus.SUBMITTED]: { label: 'Submitted', slug: 'submitted' },
  [FeatureRequestStatus.UNDER_REVIEW]: { label: 'Under review', slug: 'under_review' },
  [FeatureRequestStatus.PLANNED]: { label: 'Planned', slug: 'planned' },
  [FeatureRequestStatus.IN_PROGRESS]: { label: 'In progress', slug: 'in_progress' },
  [FeatureRequestStatus.SHIPPED]: { label: 'Shipped', slug: 'shipped' },
  [FeatureRequestStatus.DECLINED]: { label: 'Declined', slug: 'declined' },
  [FeatureRequestStatus.MERGED]: { label: 'Merged', slug: 'merged' },
};

/** Every status a request can be in, along its way to delivery. */
export const STATUSES: readonly FeatureRequestStatus[] = [
  FeatureRequestStatus.SUBMITTED,
  FeatureRequestStatus.UNDER_REVIEW,
  FeatureRequestStatus.PLANNED,
  FeatureRequestStatus.IN_PROGRESS,
  FeatureRequestStatus.SHIPPED,
  FeatureRequestStatus.DECLINED,
  FeatureRequestStatus.MERGED,
];

// Mirrors intake's lifecycle (one step forward, or declined while open) only to offer the moves
// it accepts; intake decides, and refuses anything else with FAILED_PRECONDITION.
const NEXT: Readonly<Partial<Record<FeatureRequestStatus, readonly FeatureRequestStatus[]>>> = {
  [FeatureRequestStatus.SUBMITTED]: [FeatureRequestStatus.UNDER_REVIEW, FeatureRequestStatus.DECLINED],
  [FeatureRequestStatus.UNDER_REVIEW]: [FeatureRequestStatus.PLANNED, FeatureRequestStatus.DECLINED],
  [FeatureRequestStatus.PLANNED]: [FeatureRequestStatus.IN_PROGRESS, FeatureRequestStatus.DECLINED],
  [FeatureRequestStatus.IN_PROGRESS]: [FeatureRequestStatus.SHIPPED, FeatureRequestStatus.DECLINED],
};

export function statusLabel(status: FeatureRequestStatus): string {
  return (TEXTS[status] ?? TEXTS[FeatureRequestStatus.UNSPECIFIED]).label;
}

export function statusSlug(status: FeatureRequestStatus): string {
  return (TEXTS[status] ?? TEXTS[FeatureRequestStatus.UNSPECIFIED]).slug;
}

export function statusFromSlug(slug: string): FeatureRequestStatus | undefined {
  return STATUSES.find((status) => statusSlug(status) === slug);
}

/** The statuses the product team can move a request to from `status`; none once it is final. */
export function nextStatuses(status: FeatureRequestStatus): readonly FeatureRequestStatus[] {
  return NEXT[status] ?? [];
}

/** Shipped, declined and merged requests take no more votes, comments or status changes. */
export function isFinal(status: FeatureRequestStatus): boolean {
  return status === FeatureRequestStatus.SHIPPED || status === FeatureRequestStatus.DECLINED || status === FeatureRequestStatus.MERGED;
}
