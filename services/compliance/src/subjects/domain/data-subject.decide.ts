import type { DataSubjectState } from './data-subject';
import type { DataSubjectCommand } from './data-subject.commands';
import type { DataSubjectEvent } from './data-subject.events';

/**
 * What a command on a subject's stream appends. Each is idempotent: consenting again to the same
 * text version, withdrawing what is not granted, or completing an erasure already completed
 * appends nothing, so retries and the ledger's re-application never add a second event.
 */
export function decide(command: DataSubjectCommand, state: DataSubjectState): DataSubjectEvent[] {
  switch (command.kind) {
    case 'RecordConsent': {
      const current = state.consents[command.purpose];
      if (current?.granted && current.textVersion === command.textVersion) return [];
      return [{ type: 'SubjectConsentRecorded', subjectId: command.subjectId, occurredAt: command.at, purpose: command.purpose, textVersion: command.textVersion }];
    }
    case 'WithdrawConsent':
      if (!state.consents[command.purpose]?.granted) return [];
      return [{ type: 'SubjectConsentWithdrawn', subjectId: command.subjectId, occurredAt: command.at, purpose: command.purpose }];
    case 'CompleteErasure':
      if (state.erasureCertificates.includes(command.certificateId)) return [];
      return [{ type: 'SubjectErased', subjectId: command.subjectId, occurredAt: command.at, certificateId: command.certificateId, keyId: command.keyId }];
  }
}
