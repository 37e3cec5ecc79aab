import { canMove, FEATURE_REQUEST_STATUSES, FINAL_STATUSES, nextStatusesOf } from './feature-request-status';

describe('the feature request lifecycle', () => {
  it('goes one step at a time along submitted → under review → planned → in progress → shipped', () => {
    expect(canMove('submitted', 'under_review')).toBe(true);
    expect(canMove('under_review', 'planned')).toBe(true);
    expect(canMove('planned', 'in_progress')).toBe(true);
    expect(canMove('in_progress', 'shipped')).toBe(true);
    expect(canMove('submitted', 'planned')).toBe(false);
    expect(canMove('planned', 'under_review')).toBe(false);
  });

  it('can decline any open request', () => {
    for (const status of ['submitted', 'under_review', 'planned', 'in_progress'] as const) {
      expect(canMove(status, 'declined')).toBe(true);
    }
  });

  it('never leaves a final status, and never enters merged or the same status by a status change', () => {
    for (const from of FEATURE_REQUEST_STATUSES) {
      if (FINAL_STATUSES.has(from)) expect(nextStatusesOf(from)).toEqual([]);
      expect(canMove(from, 'merged')).toBe(false);
      expect(canMove(from, from)).toBe(false);
    }
  });
});
