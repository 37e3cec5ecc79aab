import { InMemorySubjectKeyStore, LocalMasterKeys, PiiCipher } from '@frm/pii';
import { eventRecordsJson, type EventRecordsBatch } from './event-records-json';
import { ExportRecordsThread } from './export-records-thread-client';

const subject = 'a0000000-0000-4000-8000-000000000001';
const other = 'b0000000-0000-4000-8000-000000000002';
const stream = 'feature-request-d0000000-0000-4000-8000-000000000004';

async function batchOfComments(count: number): Promise<EventRecordsBatch> {
  const cipher = new PiiCipher(new InMemorySubjectKeyStore(), new LocalMasterKeys(Buffer.alloc(32, 8)));
  const events = [];
  for (let index = 0; index < count; index++) {
    const author = index % 5 === 4 ? other : subject;
    const body = await cipher.encryptField(author, stream, 'body', `Comment ${index}`);
    events.push({ id: `e${index}`, type: 'frm.events.v1.FeatureRequestCommentAdded', streamId: stream, recordedAt: new Date(Date.UTC(2026, 5, 1, 10, index)), data: { authorId: author, body } });
  }
  return { streamId: stream, watermark: 'w-1', keys: cipher.dataKeysInMemory([subject]), events };
}

const plain = (made: { json: Uint8Array; ends: Uint32Array; withoutKey: readonly number[] }) => ({ json: Buffer.from(made.json).toString('utf8'), ends: [...made.ends], withoutKey: made.withoutKey });

describe('ExportRecordsThread', () => {
  it('makes on its thread the records the calling thread would, batches in flight at once each answered', async () => {
    const batches = await Promise.all([10, 1, 25].map(batchOfComments));
    const thread = new ExportRecordsThread();
    try {
      expect(await thread.whenReady()).toBe(true);
      const made = await Promise.all(batches.map((batch) => thread.records(batch)));
      expect(made.map(plain)).toEqual(batches.map((batch) => plain(eventRecordsJson(batch))));
      expect(made[2]?.withoutKey).toEqual([4, 9, 14, 19, 24]);
    } finally {
      await thread.close();
    }
  });

  it('makes them on the calling thread before its thread is ready and once it was closed', async () => {
    const batch = await batchOfComments(5);
    const thread = new ExportRecordsThread();
    expect(plain(await thread.records(batch))).toEqual(plain(eventRecordsJson(batch)));
    await thread.close();
    expect(plain(await thread.records(batch))).toEqual(plain(eventRecordsJson(batch)));
    expect(await thread.whenReady()).toBe(false);
  });
});
