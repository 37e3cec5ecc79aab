/** Where a feature request is on its way to delivery. */
export type FeatureRequestStatus =
  | 'submitted'
  | 'under_review'
  | 'planned'
  | 'in_progress'
  | 'shipped'
  | 'declined'
  | 'merged';

export const FEATURE_REQUEST_STATUSES: readonly FeatureRequestStatus[] = [
  'submitted',
  'under_review',
  'planned',
  'in_progress',
  'shipped',
  'declined',
  'merged',
];

/** Nothing moves a request out of these. */
export const FINAL_STATUSES: ReadonlySet<FeatureRequestStatus> = new Set(['shipped', 'declined', 'merged']);

// One step forward along the delivery path, or declined from anywhere still open. A merge is not
// a status change: it has its own command because it names the target.
const NEXT_STATUSES: Readonly<Record<FeatureRequestStatus, readonly FeatureRequestStatus[]>> = {
  submitted: ['under_review', 'declined'],
  under_review: ['planned', 'declined'],
  planned: ['in_progress', 'declined'],
  in_progress: ['shipped', 'declined'],
  shipped: [],
  declined: [],
  merged: [],
};

export function nextStatusesOf(status: FeatureRequestStatus): readonly FeatureRequestStatus[] {
  return NEXT_STATUSES[status];
}

export function canMove(from: FeatureRequestStatus, to: FeatureRequestStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}
