import type { ConsentPurpose } from './consent-purpose';

export interface SubjectConsentRecorded {
  readonly type: 'SubjectConsentRecorded';
  readonly subjectId: string;
  readonly occurredAt: Date;
  readonly purpose: ConsentPurpose;
  readonly textVersion: string;
}

export interface SubjectConsentWithdrawn {
  readonly type: 'SubjectConsentWithdrawn';
  readonly subjectId: string;
  readonly occurredAt: Date;
  readonly purpose: ConsentPurpose;
}

export interface SubjectErased {
  readonly type: 'SubjectErased';
  readonly subjectId: string;
  readonly occurredAt: Date;
  readonly certificateId: string;
  readonly keyId: string;
}

export type DataSubjectEvent = SubjectConsentRecorded | SubjectConsentWithdrawn | SubjectErased;
