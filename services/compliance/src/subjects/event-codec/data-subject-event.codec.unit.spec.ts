import { loadEventSchemaRegistry } from '@frm/contracts';
import type { DataSubjectEvent } from '../domain';
import { decodeDataSubjectEvent, encodeDataSubjectEvent } from './data-subject-event.codec';

const subjectId = 'a0000000-0000-4000-8000-000000000001';
const occurredAt = new Date('2026-06-20T14:30:00.123Z');
const events: DataSubjectEvent[] = [
  { type: 'SubjectConsentRecorded', subjectId, occurredAt, purpose: 'do_not_sell_or_share', textVersion: 'ccpa-2026' },
  { type: 'SubjectConsentWithdrawn', subjectId, occurredAt, purpose: 'marketing_email' },
  { type: 'SubjectErased', subjectId, occurredAt, certificateId: 'c0000000-0000-4000-8000-000000000001', keyId: 'k3y' },
];

describe('data subject event codec', () => {
  it.each(events)('round-trips $type through valid canonical JSON', (event) => {
    const encoded = encodeDataSubjectEvent(event);
    expect(() => loadEventSchemaRegistry().validate(encoded.type, encoded.data)).not.toThrow();
    expect(decodeDataSubjectEvent(encoded)).toEqual(event);
  });

  it('skips a type it does not know', () => {
    expect(decodeDataSubjectEvent({ type: 'frm.events.v1.SubjectSomethingNew', data: {} })).toBeUndefined();
  });
});
