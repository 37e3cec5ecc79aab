import { evolve, evolveAll } from './feature-request.evolve';
import type { FeatureRequestEvent } from './feature-request.events';
import { AT, AUTHOR, featureRequest, LATER, PRODUCT, REQUEST_ID, SUPPLIER, TARGET_ID } from './test-fixtures';

const submitted: FeatureRequestEvent = {
  type: 'FeatureRequestSubmitted',
  featureRequestId: REQUEST_ID,
  occurredAt: AT,
  authorId: AUTHOR.subject,
  title: 'Seating plan export',
  description: 'Print the seating chart as PDF',
  category: 'guest-management',
  tags: ['seating'],
  weddingContext: null,
};

describe('evolve', () => {
  it('starts a request at its submit', () => {
    expect(evolve(null, submitted)).toEqual(featureRequest());
  });

  it('applies edits, comments, status changes, merges and suspected duplicates', () => {
    const state = evolveAll([
      submitted,
      { type: 'FeatureRequestEdited', featureRequestId: REQUEST_ID, occurredAt: LATER, editorId: AUTHOR.subject, changes: { title: 'Seating chart', tags: [] } },
      { type: 'FeatureRequestCommentAdded', featureRequestId: REQUEST_ID, occurredAt: LATER, commentId: TARGET_ID, authorId: SUPPLIER.subject, body: 'Yes' },
      { type: 'FeatureRequestStatusChanged', featureRequestId: REQUEST_ID, occurredAt: LATER, actorId: PRODUCT.subject, from: 'submitted', to: 'under_review', reason: 'Soon' },
      { type: 'FeatureRequestDuplicateSuspected', featureRequestId: REQUEST_ID, occurredAt: LATER, duplicateOfId: TARGET_ID, similarity: 0.9 },
      { type: 'FeatureRequestDuplicateSuspected', featureRequestId: REQUEST_ID, occurredAt: LATER, duplicateOfId: TARGET_ID, similarity: 0.95 },
    ]);
    expect(state).toEqual(
      featureRequest({
        title: 'Seating chart',
        tags: [],
        commentCount: 1,
        status: 'under_review',
        statusReason: 'Soon',
        possibleDuplicateOfIds: [TARGET_ID],
        updatedAt: LATER,
      }),
    );
    const merged = evolve(state, {
      type: 'FeatureRequestMerged',
      featureRequestId: REQUEST_ID,
      occurredAt: LATER,
      actorId: PRODUCT.subject,
      targetId: TARGET_ID,
      from: 'under_review',
      reason: 'Duplicate',
    });
    expect(merged).toMatchObject({ status: 'merged', mergedIntoId: TARGET_ID, statusReason: 'Duplicate' });
  });

  it('ignores events before the submit, and a second submit', () => {
    const comment: FeatureRequestEvent = { type: 'FeatureRequestCommentAdded', featureRequestId: REQUEST_ID, occurredAt: AT, commentId: TARGET_ID, authorId: AUTHOR.subject, body: 'x' };
    expect(evolve(null, comment)).toBeNull();
    expect(evolve(featureRequest(), { ...submitted, title: 'Other' } as FeatureRequestEvent)).toEqual(featureRequest());
  });
});
