import type { EventStore, JsonObject } from '@frm/event-store';
import type { PiiCipher } from '@frm/pii';
import type { SqlDatabase } from '@frm/postgres';
import { quoteIdent } from '@frm/postgres';
import { dataSubjectStreamId } from '../subjects/domain';
import { subjectActedIn } from '../subject-index/subjects-of-event';
import { eventRecordsJson, type EventRecordsBatch, type EventRecordsJson, type EventToExport } from './event-records-json';
import { recordOfEvent, serialized, tableOf, type ExportRecord, type SerializedRecord } from './export-records';
import type { ExportRecordsThread } from './export-records-thread-client';
import { revealPersonalDataOf, type RevealingCipher } from './reveal-personal-data';

export interface SubjectRecordSources {
  readonly eventStore: EventStore;
  readonly cipher: RevealingCipher & Pick<PiiCipher, 'warm' | 'dataKeysInMemory'>;
  /** The streams the subject acted in (the subject index, caught up). */
  readonly streamsOf: (subjectId: string) => Promise<string[]>;
  readonly db: SqlDatabase;
  /** Schema of the audit log (libs/audit's `audit_entries`). */
  readonly auditSchema: string;
  /** Where records are decrypted and serialised while the next streams are read (default: on this thread, in turn). */
  readonly recordsThread?: Pick<ExportRecordsThread, 'records'>;
}

// Stream reads are round trips: a few at once keep the connection busy without flooding the pool.
const STREAMS_IN_FLIGHT = 8;

/** `work` for every item, at most `limit` at once, the results in the items' order. */
async function inOrderConcurrently<Item, Result>(items: readonly Item[], limit: number, work: (item: Item) => Promise<Result>): Promise<Result[]> {
  const results = new Array<Result>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index] as Item);
    }),
  );
  return results;
}

interface AuditAboutRow {
  entry_id: string;
  log: string;
  sequence: string;
  recorded_at: Date;
  actor_id: string;
  action: string;
  target_type: string;
  target_id: string;
  reason: string;
  detail: JsonObject;
}

/**
 * Everything about a subject, as serialised export records: the events they acted in from the
 * streams the subject index names (never a scan of the whole store), their own stream (consents,
 * erasures), and the audit entries they did or that were done to them. Each record is serialised
 * as soon as it is made, so that only its JSON stays in memory until the export is sent.
 */
export async function collectSubjectRecords(sources: SubjectRecordSources, subjectId: string, watermark: string): Promise<SerializedRecord[]> {
  const ownStream = dataSubjectStreamId(subjectId);
  // Independent look-ups, all at once. Their own key is unwrapped once: what they wrote then
  // decrypts without a look-up per field.
  const [indexed, , auditEntries] = await Promise.all([sources.streamsOf(subjectId), sources.cipher.warm([subjectId]), auditEntriesAbout(sources, subjectId)]);
  const streams = [...indexed, ownStream];
  // Only the subject's own key goes with each batch; what others wrote is revealed here, with the cipher.
  const keys = sources.cipher.dataKeysInMemory([subjectId]);
  const recordsOf = async (streamId: string): Promise<SerializedRecord[]> => {
    const events = await sources.eventStore.readStream(streamId);
    const own = streamId === ownStream ? events : events.filter((event) => subjectActedIn(event, subjectId));
    if (own.length === 0) return [];
    const batch: EventRecordsBatch = { streamId, watermark, keys, events: own.map(({ id, type, streamId, recordedAt, data }) => ({ id, type, streamId, recordedAt, data })) };
    const made = await (sources.recordsThread ? sources.recordsThread.records(batch) : eventRecordsJson(batch));
    return recordsOfBatch(sources, batch, made);
  };
  const records = (await inOrderConcurrently(streams, STREAMS_IN_FLIGHT, recordsOf)).flat();
  for (const entry of auditEntries) records.push(serialized(recordOfAuditEntry(entry, watermark)));
  return records;
}

/** The records a batch made, with those it left to the cipher (another subject's key, or an erased one) revealed here. */
async function recordsOfBatch(sources: SubjectRecordSources, batch: EventRecordsBatch, made: EventRecordsJson): Promise<SerializedRecord[]> {
  const json = Buffer.from(made.json.buffer, made.json.byteOffset, made.json.byteLength);
  let start = 0;
  const records = batch.events.map((event, index): SerializedRecord => {
    const end = made.ends[index] as number;
    const record = { table: tableOf(event.type), id: event.id, json: json.subarray(start, end) };
    start = end;
    return record;
  });
  if (made.withoutKey.length === 0) return records;
  const left: EventToExport[] = made.withoutKey.map((index) => batch.events[index] as EventToExport);
  const data = await revealPersonalDataOf(sources.cipher, batch.streamId, left.map((event) => event.data));
  made.withoutKey.forEach((index, position) => (records[index] = serialized(recordOfEvent(left[position] as EventToExport, data[position] as JsonObject, batch.watermark))));
  return records;
}

function recordOfAuditEntry(entry: AuditAboutRow, watermark: string): ExportRecord {
  return {
    table: 'audit_entries',
    id: entry.entry_id,
    row: {
      watermark,
      entryId: entry.entry_id,
      log: entry.log,
      sequence: entry.sequence,
      recordedAt: new Date(entry.recorded_at).toISOString(),
      actorId: entry.actor_id,
      action: entry.action,
      target: { type: entry.target_type, id: entry.target_id },
      reason: entry.reason,
      detail: entry.detail,
    },
  };
}

// The audit log's port reads in sequence order only; finding one subject's entries is a query on
// its table, which this service owns in the platform's deployment.
async function auditEntriesAbout(sources: SubjectRecordSources, subjectId: string): Promise<AuditAboutRow[]> {
  return sources.db.query<AuditAboutRow>(
    `select entry_id::text as entry_id, log, sequence::text as sequence, recorded_at, actor_id, action, target_type, target_id, reason, detail
     from ${quoteIdent(sources.auditSchema)}.audit_entries where actor_id = $1 or target_id = $1 order by log, sequence`,
    [subjectId],
  );
}
