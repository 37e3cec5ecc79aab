import type { WeddingContext } from './field-rules';
import type { FeatureRequestState } from './feature-request';
import type { FeatureRequestStatus } from './feature-request-status';
import type { Actor } from './roles';

// Ids and the time come with the command, so that deciding stays pure and a retried command
// decides the same.
interface CommandBase {
  readonly featureRequestId: string;
  readonly actor: Actor;
  readonly at: Date;
}

export interface SubmitFeatureRequest extends CommandBase {
  readonly kind: 'SubmitFeatureRequest';
  readonly title: string;
  readonly description: string;
  readonly category: string;
  readonly tags: readonly string[];
  readonly weddingContext: WeddingContext | null;
}

/** Absent fields stay as they are. */
export interface EditFeatureRequest extends CommandBase {
  readonly kind: 'EditFeatureRequest';
  readonly title?: string;
  readonly description?: string;
  readonly category?: string;
  readonly tags?: readonly string[];
}

export interface AddComment extends CommandBase {
  readonly kind: 'AddComment';
  readonly commentId: string;
  readonly body: string;
}

export interface ChangeStatus extends CommandBase {
  readonly kind: 'ChangeStatus';
  readonly status: FeatureRequestStatus;
  readonly reason: string;
}

/** `featureRequestId` is the source; the target's state is read beforehand, as it is another stream. */
export interface MergeFeatureRequest extends CommandBase {
  readonly kind: 'MergeFeatureRequest';
  readonly targetId: string;
  readonly target: FeatureRequestState;
  readonly reason: string;
}

/** Undoes the merge of the command's request; `target` is the request it was merged into, read to check it is not merged itself. */
export interface UnmergeFeatureRequest extends CommandBase {
  readonly kind: 'UnmergeFeatureRequest';
  readonly target: FeatureRequestState;
  readonly reason: string;
}

export type FeatureRequestCommand =
  | SubmitFeatureRequest
  | EditFeatureRequest
  | AddComment
  | ChangeStatus
  | MergeFeatureRequest
  | UnmergeFeatureRequest;
