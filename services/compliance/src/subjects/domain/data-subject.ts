import type { ConsentPurpose } from './consent-purpose';

/** One purpose's consent as the subject's stream tells it. */
export interface ConsentState {
  readonly granted: boolean;
  /** The text version last agreed to; kept after a withdrawal, to show what was withdrawn. */
  readonly textVersion: string;
  readonly changedAt: Date;
}

/**
 * A data subject as their stream `data-subject-<id>` tells it: the consents by purpose and the
 * erasures completed (by certificate id), so that a repeated erasure appends nothing.
 */
export interface DataSubjectState {
  readonly consents: Readonly<Partial<Record<ConsentPurpose, ConsentState>>>;
  readonly erasureCertificates: readonly string[];
}

export const INITIAL_DATA_SUBJECT_STATE: DataSubjectState = { consents: {}, erasureCertificates: [] };

export function dataSubjectStreamId(subjectId: string): string {
  return `data-subject-${subjectId}`;
}
