import type { FeatureRequestStatus } from '../gen/frm/v1/feature_request_pb';
import { statusLabel, statusSlug } from './status-labels';

/** The status in words (colour only adds to them). */
export function StatusBadge({ status }: { status: FeatureRequestStatus }) {
  return <span className={`badge status-${statusSlug(status)}`}>{statusLabel(status)}</span>;
}
