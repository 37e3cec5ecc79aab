import type { EventStore, JsonObject, RecordedEvent } from '@frm/event-store';
import { ERASED, InMemorySubjectKeyStore, LocalMasterKeys, PiiCipher } from '@frm/pii';
import type { SqlDatabase } from '@frm/postgres';
import { exportedRecord } from './export-records';
import { collectSubjectRecords } from './subject-records';

const subject = 'a0000000-0000-4000-8000-000000000001';
const other = 'b0000000-0000-4000-8000-000000000002';
const erased = 'c0000000-0000-4000-8000-000000000003';
const request = 'feature-request-d0000000-0000-4000-8000-000000000004';
const vote = 'vote-d0000000-0000-4000-8000-000000000004-a0000000-0000-4000-8000-000000000001';
const own = `data-subject-${subject}`;
const at = new Date('2026-06-01T10:00:00.000Z');

describe('collectSubjectRecords', () => {
  it("exports the subject's events of every indexed stream and their own, decrypted, then their audit entries, in order", async () => {
    const keys = new InMemorySubjectKeyStore();
    const masterKeys = new LocalMasterKeys(Buffer.alloc(32, 3));
    const writer = new PiiCipher(keys, masterKeys);
    const sealed = (who: string, stream: string, field: string, text: string) => writer.encryptField(who, stream, field, text);
    let revision = 0n;
    const event = (id: string, type: string, streamId: string, data: JsonObject, actor: string): RecordedEvent => ({
      id,
      type,
      streamId,
      data,
      metadata: { actor, correlationId: 'c' },
      revision: revision++,
      position: { commit: revision, prepare: revision },
      recordedAt: at,
    });
    const streams = new Map<string, RecordedEvent[]>([
      [
        request,
        [
          event('e1', 'frm.events.v1.FeatureRequestSubmitted', request, { authorId: other, title: await sealed(other, request, 'title', 'Their idea') }, other),
          event('e2', 'frm.events.v1.FeatureRequestCommentAdded', request, { authorId: subject, body: await sealed(subject, request, 'body', 'My comment') }, subject),
          event('e3', 'frm.events.v1.FeatureRequestCommentAdded', request, { authorId: other, body: await sealed(other, request, 'body', 'Their comment') }, other),
          event('e4', 'frm.events.v1.FeatureRequestCommentAdded', request, { authorId: subject, body: await sealed(subject, request, 'title', 'Moved') }, subject),
          event('e5', 'frm.events.v1.FeatureRequestMerged', request, { actorId: subject, reason: await sealed(erased, request, 'reason', 'Gone') }, 'merge'),
          event('e6', 'frm.events.v1.FeatureRequestStatusChanged', request, { actorId: subject, reason: await sealed(other, request, 'reason', 'Quoting them') }, subject),
        ],
      ],
      [vote, [event('e7', 'frm.events.v1.VoteCast', vote, { voterId: subject.toUpperCase(), featureRequestAuthorId: other, weight: 1 }, subject)]],
      [own, [event('e8', 'frm.events.v1.SubjectConsentRecorded', own, { subjectId: subject, purpose: 'analytics', granted: true }, 'compliance')]],
    ]);
    await writer.erase(erased);
    const eventStore = { readStream: async (streamId: string) => streams.get(streamId) ?? [] } as unknown as EventStore;
    const audit = { entry_id: '11', log: 'compliance', sequence: '7', recorded_at: at, actor_id: subject, action: 'export', target_type: 'subject', target_id: subject, reason: 'mine', detail: { records: 3 } };
    const db = { query: async () => [audit] } as unknown as SqlDatabase;

    const records = await collectSubjectRecords(
      { eventStore, cipher: new PiiCipher(keys, masterKeys), streamsOf: async () => [request, vote], db, auditSchema: 'audit' },
      subject,
      'w-1',
    );

    const where = (id: string, type: string, streamId: string) => ({ watermark: 'w-1', eventId: id, eventType: type, streamId, recordedAt: at.toISOString() });
    expect(records.map(exportedRecord)).toEqual([
      { table: 'comments', id: 'e2', json: JSON.stringify({ ...where('e2', 'frm.events.v1.FeatureRequestCommentAdded', request), authorId: subject, body: 'My comment' }) },
      { table: 'comments', id: 'e4', json: JSON.stringify({ ...where('e4', 'frm.events.v1.FeatureRequestCommentAdded', request), authorId: subject, body: '[unreadable]' }) },
      { table: 'status_changes', id: 'e5', json: JSON.stringify({ ...where('e5', 'frm.events.v1.FeatureRequestMerged', request), actorId: subject, reason: ERASED }) },
      { table: 'status_changes', id: 'e6', json: JSON.stringify({ ...where('e6', 'frm.events.v1.FeatureRequestStatusChanged', request), actorId: subject, reason: 'Quoting them' }) },
      { table: 'votes', id: 'e7', json: JSON.stringify({ ...where('e7', 'frm.events.v1.VoteCast', vote), voterId: subject.toUpperCase(), weight: 1 }) },
      { table: 'consents', id: 'e8', json: JSON.stringify({ ...where('e8', 'frm.events.v1.SubjectConsentRecorded', own), subjectId: subject, purpose: 'analytics', granted: true }) },
      {
        table: 'audit_entries',
        id: '11',
        json: JSON.stringify({
          watermark: 'w-1',
          entryId: '11',
          log: 'compliance',
          sequence: '7',
          recordedAt: at.toISOString(),
          actorId: subject,
          action: 'export',
          target: { type: 'subject', id: subject },
          reason: 'mine',
          detail: { records: 3 },
        }),
      },
    ]);
  });
});
