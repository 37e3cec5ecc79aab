import { INITIAL_DATA_SUBJECT_STATE, type DataSubjectState } from './data-subject';
import type { DataSubjectEvent } from './data-subject.events';

export function evolve(state: DataSubjectState, event: DataSubjectEvent): DataSubjectState {
  switch (event.type) {
    case 'SubjectConsentRecorded':
      return { ...state, consents: { ...state.consents, [event.purpose]: { granted: true, textVersion: event.textVersion, changedAt: event.occurredAt } } };
    case 'SubjectConsentWithdrawn': {
      const textVersion = state.consents[event.purpose]?.textVersion ?? '';
      return { ...state, consents: { ...state.consents, [event.purpose]: { granted: false, textVersion, changedAt: event.occurredAt } } };
    }
    case 'SubjectErased':
      return { ...state, erasureCertificates: [...state.erasureCertificates, event.certificateId] };
  }
}

export function evolveAll(events: readonly DataSubjectEvent[], state: DataSubjectState = INITIAL_DATA_SUBJECT_STATE): DataSubjectState {
  return events.reduce(evolve, state);
}
