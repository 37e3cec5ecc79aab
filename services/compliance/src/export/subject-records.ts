import type { EventStore, JsonObject } from '@frm/event-store';
import type { PiiCipher } from '@frm/pii';
import type { SqlDatabase } from '@frm/postgres';
import { quoteIdent } from '@frm/postgres';
import { dataSubjectStreamId } from '../subjects/domain';
import { subjectActedIn } from '../subject-index/subjects-of-event';
import { recordOfEvent, serialized, type ExportRecord, type SerializedRecord } from './export-records';
import { revealPersonalDataOf, type RevealingCipher } from './reveal-personal-data';

export interface SubjectRecordSources {
  readonly eventStore: EventStore;
  readonly cipher: RevealingCipher & Pick<PiiCipher, 'warm'>;
  /** The streams the subject acted in (the subject index, caught up). */
  readonly streamsOf: (subjectId: string) => Promise<string[]>;
  readonly db: SqlDatabase;
  /** Schema of the audit log (libs/audit's `audit_entries`). */
  readonly auditSchema: string;
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
  const recordsOf = async (streamId: string): Promise<SerializedRecord[]> => {
    const events = await sources.eventStore.readStream(streamId);
    const own = streamId === ownStream ? events : events.filter((event) => subjectActedIn(event, subjectId));
    const data = await revealPersonalDataOf(sources.cipher, streamId, own.map((event) => event.data));
    return own.map((event, index) => serialized(recordOfEvent(event, data[index] as JsonObject, watermark)));
  };
  const records = (await inOrderConcurrently(streams, STREAMS_IN_FLIGHT, recordsOf)).flat();
  for (const entry of auditEntries) records.push(serialized(recordOfAuditEntry(entry, watermark)));
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
