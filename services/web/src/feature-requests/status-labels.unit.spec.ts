import { FeatureRequestStatus } from '../gen/frm/v1/feature_request_pb';
import { isFinal, nextStatuses, statusFromSlug, statusLabel, statusSlug, STATUSES } from './status-labels';

describe('status labels', () => {
  it('names every status in words', () => {
    expect(STATUSES.map(statusLabel)).toEqual(['Submitted', 'Under review', 'Planned', 'In progress', 'Shipped', 'Declined', 'Merged']);
    expect(statusLabel(FeatureRequestStatus.UNSPECIFIED)).toBe('Unknown');
    expect(statusLabel(99 as FeatureRequestStatus)).toBe('Unknown');
  });

  it('round-trips every status through its URL slug', () => {
    for (const status of STATUSES) expect(statusFromSlug(statusSlug(status))).toBe(status);
    expect(statusFromSlug('unknown')).toBeUndefined();
    expect(statusFromSlug('<script>')).toBeUndefined();
  });

  it('offers one step forward along the delivery path, or declined, while a request is open', () => {
    expect(nextStatuses(FeatureRequestStatus.SUBMITTED)).toEqual([FeatureRequestStatus.UNDER_REVIEW, FeatureRequestStatus.DECLINED]);
    expect(nextStatuses(FeatureRequestStatus.UNDER_REVIEW)).toEqual([FeatureRequestStatus.PLANNED, FeatureRequestStatus.DECLINED]);
    expect(nextStatuses(FeatureRequestStatus.IN_PROGRESS)).toEqual([FeatureRequestStatus.SHIPPED, FeatureRequestStatus.DECLINED]);
  });

  it('offers nothing once a request is shipped, declined or merged', () => {
    const final = STATUSES.filter(isFinal);
    expect(final).toEqual([FeatureRequestStatus.SHIPPED, FeatureRequestStatus.DECLINED, FeatureRequestStatus.MERGED]);
    for (const status of final) expect(nextStatuses(status)).toEqual([]);
  });
});
