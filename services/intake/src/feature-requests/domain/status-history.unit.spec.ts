import type { FeatureRequestEvent } from './feature-request.events';
import { statusHistoryOf } from './status-history';

const id = '0b6f3c1e-8f2a-4d3b-9c41-2a7e5d9f0c11';
const at = (minute: number) => new Date(Date.UTC(2026, 4, 2, 9, minute));

describe('statusHistoryOf', () => {
  it('tells submission, each move, the merge and its undoing in order, and skips edits and comments', () => {
    const events: FeatureRequestEvent[] = [
      { type: 'FeatureRequestSubmitted', featureRequestId: id, occurredAt: at(0), authorId: 'author', title: 'Seating', description: '', category: 'guest-management', tags: [], weddingContext: null },
      { type: 'FeatureRequestEdited', featureRequestId: id, occurredAt: at(1), editorId: 'author', changes: { title: 'Seating plans' } },
      { type: 'FeatureRequestStatusChanged', featureRequestId: id, occurredAt: at(2), actorId: 'pm', from: 'submitted', to: 'under_review', reason: 'looking' },
      { type: 'FeatureRequestCommentAdded', featureRequestId: id, occurredAt: at(3), commentId: 'c', authorId: 'guest', body: 'yes please' },
      { type: 'FeatureRequestMerged', featureRequestId: id, occurredAt: at(4), actorId: 'pm', targetId: 'target', from: 'under_review', reason: 'same wish' },
      { type: 'FeatureRequestUnmerged', featureRequestId: id, occurredAt: at(5), actorId: 'pm', targetId: 'target', to: 'under_review', reason: 'not the same' },
    ];
    expect(statusHistoryOf(events)).toEqual([
      { status: 'submitted', reason: '', changedBy: 'author', changedAt: at(0) },
      { status: 'under_review', reason: 'looking', changedBy: 'pm', changedAt: at(2) },
      { status: 'merged', reason: 'same wish', changedBy: 'pm', changedAt: at(4), mergedIntoId: 'target' },
      { status: 'under_review', reason: 'not the same', changedBy: 'pm', changedAt: at(5), unmergedFromId: 'target' },
    ]);
  });

  it('is empty for a request that does not exist', () => {
    expect(statusHistoryOf([])).toEqual([]);
  });
});
