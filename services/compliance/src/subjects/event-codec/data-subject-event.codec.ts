import { dateFromTimestamp, frmEventsV1, fromEventJson, timestampFromDate, toEventJson, type EventMessageFns } from '@frm/contracts';
import type { JsonObject, RecordedEvent } from '@frm/event-store';
import { isConsentPurpose, type ConsentPurpose, type DataSubjectEvent } from '../domain';

/** Every event of a subject's stream starts with this. */
export const DATA_SUBJECT_EVENT_PREFIX = 'frm.events.v1.Subject';

const PURPOSE_PREFIX = 'SUBJECT_CONSENT_PURPOSE_';

function purposeEnum(purpose: ConsentPurpose): frmEventsV1.SubjectConsentPurpose {
  return `${PURPOSE_PREFIX}${purpose.toUpperCase()}` as frmEventsV1.SubjectConsentPurpose;
}

function purposeOf(value: string, type: string): ConsentPurpose {
  const purpose = value.slice(PURPOSE_PREFIX.length).toLowerCase();
  if (!isConsentPurpose(purpose)) throw new Error(`${type} has no known purpose: ${value}`);
  return purpose;
}

/** A subject's event as the event store keeps it: canonical proto3 JSON of its `frm.events.v1` message. */
export function encodeDataSubjectEvent(event: DataSubjectEvent): { type: string; data: JsonObject } {
  const encoded = <T>(fns: EventMessageFns<T>, message: T) => ({ type: fns.$type, data: toEventJson(fns, message) as JsonObject });
  const base = { subjectId: event.subjectId, occurredAt: timestampFromDate(event.occurredAt) };
  switch (event.type) {
    case 'SubjectConsentRecorded':
      return encoded(frmEventsV1.SubjectConsentRecorded, { ...base, purpose: purposeEnum(event.purpose), textVersion: event.textVersion });
    case 'SubjectConsentWithdrawn':
      return encoded(frmEventsV1.SubjectConsentWithdrawn, { ...base, purpose: purposeEnum(event.purpose) });
    case 'SubjectErased':
      return encoded(frmEventsV1.SubjectErased, { ...base, certificateId: event.certificateId, keyId: event.keyId });
  }
}

/** The subject's event of a stored one; `undefined` for a type this build does not know. */
export function decodeDataSubjectEvent(recorded: Pick<RecordedEvent, 'type' | 'data'>): DataSubjectEvent | undefined {
  const at = (timestamp: { seconds: string; nanos: number } | null) => {
    if (!timestamp) throw new Error(`${recorded.type} without occurred_at`);
    return dateFromTimestamp(timestamp);
  };
  switch (recorded.type) {
    case frmEventsV1.SubjectConsentRecorded.$type: {
      const e = fromEventJson(frmEventsV1.SubjectConsentRecorded, recorded.data);
      return { type: 'SubjectConsentRecorded', subjectId: e.subjectId, occurredAt: at(e.occurredAt), purpose: purposeOf(String(e.purpose), recorded.type), textVersion: e.textVersion };
    }
    case frmEventsV1.SubjectConsentWithdrawn.$type: {
      const e = fromEventJson(frmEventsV1.SubjectConsentWithdrawn, recorded.data);
      return { type: 'SubjectConsentWithdrawn', subjectId: e.subjectId, occurredAt: at(e.occurredAt), purpose: purposeOf(String(e.purpose), recorded.type) };
    }
    case frmEventsV1.SubjectErased.$type: {
      const e = fromEventJson(frmEventsV1.SubjectErased, recorded.data);
      return { type: 'SubjectErased', subjectId: e.subjectId, occurredAt: at(e.occurredAt), certificateId: e.certificateId, keyId: e.keyId };
    }
    default:
      return undefined;
  }
}
