import type { ConsentPurpose } from './consent-purpose';

export interface RecordConsent {
  readonly kind: 'RecordConsent';
  readonly subjectId: string;
  readonly purpose: ConsentPurpose;
  readonly textVersion: string;
  readonly at: Date;
}

export interface WithdrawConsent {
  readonly kind: 'WithdrawConsent';
  readonly subjectId: string;
  readonly purpose: ConsentPurpose;
  readonly at: Date;
}

/** Completes an erasure already in the ledger: the event read models redact from. */
export interface CompleteErasure {
  readonly kind: 'CompleteErasure';
  readonly subjectId: string;
  readonly certificateId: string;
  /** The data key deleted, or '' when the subject had none. */
  readonly keyId: string;
  readonly at: Date;
}

export type DataSubjectCommand = RecordConsent | WithdrawConsent | CompleteErasure;
