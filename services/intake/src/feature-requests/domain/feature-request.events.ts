import type { WeddingContext } from './field-rules';
import type { FeatureRequestStatus } from './feature-request-status';

/** The fields a FeatureRequestEdited carries only when they changed. */
export interface FeatureRequestChanges {
  readonly title?: string;
  readonly description?: string;
  readonly category?: string;
  readonly tags?: readonly string[];
}

interface EventBase {
  readonly featureRequestId: string;
  readonly occurredAt: Date;
}

export interface FeatureRequestSubmitted extends EventBase {
  readonly type: 'FeatureRequestSubmitted';
  readonly authorId: string;
  readonly title: string;
  readonly description: string;
  readonly category: string;
  readonly tags: readonly string[];
  readonly weddingContext: WeddingContext | null;
}

export interface FeatureRequestEdited extends EventBase {
  readonly type: 'FeatureRequestEdited';
  readonly editorId: string;
  readonly changes: FeatureRequestChanges;
}

export interface FeatureRequestCommentAdded extends EventBase {
  readonly type: 'FeatureRequestCommentAdded';
  readonly commentId: string;
  readonly authorId: string;
  readonly body: string;
}

export interface FeatureRequestStatusChanged extends EventBase {
  readonly type: 'FeatureRequestStatusChanged';
  readonly actorId: string;
  readonly from: FeatureRequestStatus;
  readonly to: FeatureRequestStatus;
  readonly reason: string;
}

export interface FeatureRequestMerged extends EventBase {
  readonly type: 'FeatureRequestMerged';
  readonly actorId: string;
  readonly targetId: string;
  readonly from: FeatureRequestStatus;
  readonly reason: string;
}

/** Undoes a merge: the request is back in the status it had before (`to`). */
export interface FeatureRequestUnmerged extends EventBase {
  readonly type: 'FeatureRequestUnmerged';
  readonly actorId: string;
  readonly targetId: string;
  readonly to: FeatureRequestStatus;
  readonly reason: string;
}

/** Appended by duplicate detection, never by this service; advisory. */
export interface FeatureRequestDuplicateSuspected extends EventBase {
  readonly type: 'FeatureRequestDuplicateSuspected';
  readonly duplicateOfId: string;
  readonly similarity: number;
}

export type FeatureRequestEvent =
  | FeatureRequestSubmitted
  | FeatureRequestEdited
  | FeatureRequestCommentAdded
  | FeatureRequestStatusChanged
  | FeatureRequestMerged
  | FeatureRequestUnmerged
  | FeatureRequestDuplicateSuspected;

export type FeatureRequestEventType = FeatureRequestEvent['type'];
