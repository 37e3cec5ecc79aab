import type { FeatureRequestState } from './feature-request';
import type { FeatureRequestEvent } from './feature-request.events';

/** The state after `event`; an event that cannot apply to the state (none can before the submit) changes nothing. */
export function evolve(state: FeatureRequestState, event: FeatureRequestEvent): FeatureRequestState {
  if (event.type === 'FeatureRequestSubmitted') {
    if (state !== null) return state;
    return {
      id: event.featureRequestId,
      authorId: event.authorId,
      title: event.title,
      description: event.description,
      category: event.category,
      tags: event.tags,
      weddingContext: event.weddingContext,
      status: 'submitted',
      statusReason: '',
      mergedIntoId: null,
      statusBeforeMerge: null,
      possibleDuplicateOfIds: [],
      commentCount: 0,
      createdAt: event.occurredAt,
      updatedAt: event.occurredAt,
    };
  }
  if (state === null) return state;
  const updatedAt = event.occurredAt;
  switch (event.type) {
    case 'FeatureRequestEdited':
      return { ...state, ...event.changes, updatedAt };
    case 'FeatureRequestCommentAdded':
      return { ...state, commentCount: state.commentCount + 1 };
    case 'FeatureRequestStatusChanged':
      return { ...state, status: event.to, statusReason: event.reason, updatedAt };
    case 'FeatureRequestMerged':
      return { ...state, status: 'merged', statusReason: event.reason, mergedIntoId: event.targetId, statusBeforeMerge: event.from, updatedAt };
    case 'FeatureRequestUnmerged':
      return { ...state, status: event.to, statusReason: event.reason, mergedIntoId: null, statusBeforeMerge: null, updatedAt };
    case 'FeatureRequestDuplicateSuspected':
      return state.possibleDuplicateOfIds.includes(event.duplicateOfId)
        ? state
        : { ...state, possibleDuplicateOfIds: [...state.possibleDuplicateOfIds, event.duplicateOfId] };
  }
}

export function evolveAll(events: readonly FeatureRequestEvent[], state: FeatureRequestState = null): FeatureRequestState {
  return events.reduce(evolve, state);
}
