import type { WeddingContext } from './field-rules';
import type { FeatureRequestStatus } from './feature-request-status';

/** A feature request as its events tell it. */
export interface FeatureRequest {
  readonly id: string;
  readonly authorId: string;
  readonly title: string;
  readonly description: string;
  readonly category: string;
  readonly tags: readonly string[];
  readonly weddingContext: WeddingContext | null;
  readonly status: FeatureRequestStatus;
  readonly statusReason: string;
  readonly mergedIntoId: string | null;
  /** While merged: the status to return to when the merge is undone. */
  readonly statusBeforeMerge: FeatureRequestStatus | null;
  readonly possibleDuplicateOfIds: readonly string[];
  readonly commentCount: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** `null` until the request is submitted. */
export type FeatureRequestState = FeatureRequest | null;

export const INITIAL_STATE: FeatureRequestState = null;

/** The event stream of one feature request. */
export function streamIdOf(featureRequestId: string): string {
  return `feature-request-${featureRequestId.toLowerCase()}`;
}
