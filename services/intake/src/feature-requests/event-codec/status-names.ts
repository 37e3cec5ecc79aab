import { frmEventsV1, frmV1 } from '@frm/contracts';
import { FEATURE_REQUEST_STATUSES, type FeatureRequestStatus } from '../domain';

// The API's and the events' enums use the same names on purpose, yet stay two enums: stored
// events must keep their meaning whatever the API does later.
const PREFIX = 'FEATURE_REQUEST_STATUS_';

export function toEventStatus(status: FeatureRequestStatus): frmEventsV1.FeatureRequestStatus {
  return `${PREFIX}${status.toUpperCase()}` as frmEventsV1.FeatureRequestStatus;
}

export function toApiStatus(status: FeatureRequestStatus): frmV1.FeatureRequestStatus {
  return `${PREFIX}${status.toUpperCase()}` as frmV1.FeatureRequestStatus;
}

/** `undefined` for UNSPECIFIED and for values this build does not know. */
export function fromStatusName(name: string): FeatureRequestStatus | undefined {
  if (!name.startsWith(PREFIX)) return undefined;
  const status = name.slice(PREFIX.length).toLowerCase();
  return FEATURE_REQUEST_STATUSES.find((known) => known === status);
}
