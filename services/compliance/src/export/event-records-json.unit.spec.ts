import { InMemorySubjectKeyStore, LocalMasterKeys, PiiCipher } from '@frm/pii';
import { eventRecordsJson, type EventToExport } from './event-records-json';
import { recordOfEvent } from './export-records';
import { UNREADABLE } from './reveal-personal-data';

const subject = 'a0000000-0000-4000-8000-000000000001';
const other = 'b0000000-0000-4000-8000-000000000002';
const stream = 'feature-request-d0000000-0000-4000-8000-000000000004';
const at = new Date('2026-06-01T10:00:00.000Z');

describe('eventRecordsJson', () => {
  it("serialises each event's record with the members its keys open decrypted, one after another, and names the events that need another key", async () => {
    const keys = new InMemorySubjectKeyStore();
    const cipher = new PiiCipher(keys, new LocalMasterKeys(Buffer.alloc(32, 4)));
    const comment = (id: string, data: EventToExport['data']): EventToExport => ({ id, type: 'frm.events.v1.FeatureRequestCommentAdded', streamId: stream, recordedAt: at, data });
    const events = [
      comment('e1', { authorId: subject, body: await cipher.encryptField(subject, stream, 'body', 'Vows at noon — ünïcödé') }),
      comment('e2', { authorId: subject, body: await cipher.encryptField(other, stream, 'body', 'Theirs') }),
      comment('e3', { authorId: subject, body: await cipher.encryptField(subject, stream, 'title', 'Moved') }),
      comment('e4', { authorId: subject, body: 'pii: plain text that only starts like one', tags: [await cipher.encryptField(subject, stream, 'tags.0', 'Tagged')] }),
    ];

    const made = eventRecordsJson({ streamId: stream, watermark: 'w-1', keys: cipher.dataKeysInMemory([subject]), events });

    expect(made.withoutKey).toEqual([1]);
    const rows: string[] = [];
    let start = 0;
    for (const end of made.ends) rows.push(Buffer.from(made.json).subarray(start, (start = end)).toString('utf8'));
    const row = (event: EventToExport, data: EventToExport['data']) => JSON.stringify(recordOfEvent(event, data, 'w-1').row);
    expect(rows).toEqual([
      row(events[0] as EventToExport, { authorId: subject, body: 'Vows at noon — ünïcödé' }),
      '',
      row(events[2] as EventToExport, { authorId: subject, body: UNREADABLE }),
      row(events[3] as EventToExport, { authorId: subject, body: 'pii: plain text that only starts like one', tags: ['Tagged'] }),
    ]);
    // The events' own data is left as it was read.
    expect(String(events[0]?.data['body'])).toMatch(/^pii:v1:/);
  });

  it('makes nothing of no events', () => {
    const made = eventRecordsJson({ streamId: stream, watermark: 'w-1', keys: [], events: [] });
    expect({ bytes: made.json.length, ends: [...made.ends], withoutKey: made.withoutKey }).toEqual({ bytes: 0, ends: [], withoutKey: [] });
  });
});
