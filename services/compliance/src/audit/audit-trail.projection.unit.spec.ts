import { canonicalTail } from '@frm/audit';
import { START, type RecordedEvent } from '@frm/event-store';
import { auditDraftOf, auditTrailProjection } from './audit-trail.projection';

const staff = '0b6f3c1e-8f2a-4d3b-9c41-2a7e5d9f0c11';
const request = 'a4d2c7e0-1b8f-4c3e-9d6a-5e7f8a9b0c1d';
const recorded = (type: string, data: RecordedEvent['data']): RecordedEvent => ({
  id: 'c0ffee00-1b8f-4c3e-9d6a-5e7f8a9b0c1d',
  type,
  data,
  metadata: {},
  streamId: 's',
  revision: 0n,
  position: START,
  recordedAt: new Date(0),
});

describe('the audit trail of privileged acts', () => {
  it('turns a status change, a merge, its undoing and a vote review into entries with ids and facts only, never the staff member\'s words', () => {
    const changed = auditDraftOf(recorded('frm.events.v1.FeatureRequestStatusChanged', { featureRequestId: request, actorId: staff, toStatus: 'FEATURE_REQUEST_STATUS_PLANNED', reason: 'pii:v1:…' }));
    expect(changed).toEqual({ entryId: 'c0ffee00-1b8f-4c3e-9d6a-5e7f8a9b0c1d', actorId: staff, action: 'status_change', target: { type: 'feature_request', id: request }, reason: 'status changed to planned', detail: { eventId: 'c0ffee00-1b8f-4c3e-9d6a-5e7f8a9b0c1d' } });
    expect(auditDraftOf(recorded('frm.events.v1.FeatureRequestMerged', { featureRequestId: request, actorId: staff, targetFeatureRequestId: 'b', reason: 'x' }))).toMatchObject({ action: 'merge', reason: 'merged into another request', detail: { targetFeatureRequestId: 'b' } });
    expect(auditDraftOf(recorded('frm.events.v1.FeatureRequestUnmerged', { featureRequestId: request, actorId: staff, targetFeatureRequestId: 'b', toStatus: 'FEATURE_REQUEST_STATUS_UNDER_REVIEW', reason: 'pii:v1:…' }))).toEqual({
      entryId: 'c0ffee00-1b8f-4c3e-9d6a-5e7f8a9b0c1d',
      actorId: staff,
      action: 'unmerge',
      target: { type: 'feature_request', id: request },
      reason: 'merge undone, back to under_review',
      detail: { eventId: 'c0ffee00-1b8f-4c3e-9d6a-5e7f8a9b0c1d', targetFeatureRequestId: 'b' },
    });
    expect(auditDraftOf(recorded('frm.events.v1.VoteReviewed', { voteId: 'v', reviewerId: staff, decision: 'VOTE_REVIEW_DECISION_CONFIRM_FRAUD', reason: 'x', featureRequestId: request }))).toMatchObject({ action: 'vote_review', actorId: staff, target: { type: 'vote', id: 'v' }, reason: 'vote confirm fraud' });
    expect(auditDraftOf(recorded('frm.events.v1.FeatureRequestCommentAdded', { featureRequestId: request }))).toBeUndefined();
  });

  it('appends through the audit log\'s own function, with the tail the chain hashes', () => {
    const projection = auditTrailProjection('audit', 'platform');
    const event = recorded('frm.events.v1.FeatureRequestStatusChanged', { featureRequestId: request, actorId: staff, toStatus: 'FEATURE_REQUEST_STATUS_SHIPPED' });
    const [statement] = projection.handle(event);
    expect(statement?.sql).toContain('"audit".append_audit_entry(');
    const draft = auditDraftOf(event);
    if (!draft) throw new Error('a status change is a privileged act');
    expect(statement?.params?.[8]).toBe(canonicalTail('platform', { ...draft, detail: draft.detail ?? {} }));
  });
});
