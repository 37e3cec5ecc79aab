import type { FeatureRequestEvent } from './feature-request.events';
import type { FeatureRequestStatus } from './feature-request-status';

/** One step of a request's lifecycle. */
export interface StatusStep {
  readonly status: FeatureRequestStatus;
  readonly reason: string;
  readonly changedBy: string;
  readonly changedAt: Date;
  /** The target, when the step is a merge. */
  readonly mergedIntoId?: string;
  /** The request it had been merged into, when the step undoes that merge. */
  readonly unmergedFromId?: string;
}

/** The lifecycle told by a request's events, oldest first: submission, status changes, merges and their undoing. */
export function statusHistoryOf(events: readonly FeatureRequestEvent[]): StatusStep[] {
  return events.flatMap((event): StatusStep[] => {
    switch (event.type) {
      case 'FeatureRequestSubmitted':
        return [{ status: 'submitted', reason: '', changedBy: event.authorId, changedAt: event.occurredAt }];
      case 'FeatureRequestStatusChanged':
        return [{ status: event.to, reason: event.reason, changedBy: event.actorId, changedAt: event.occurredAt }];
      case 'FeatureRequestMerged':
        return [{ status: 'merged', reason: event.reason, changedBy: event.actorId, changedAt: event.occurredAt, mergedIntoId: event.targetId }];
      case 'FeatureRequestUnmerged':
        return [{ status: event.to, reason: event.reason, changedBy: event.actorId, changedAt: event.occurredAt, unmergedFromId: event.targetId }];
      default:
        return [];
    }
  });
}
