import type { EventStore, JsonObject } from '@frm/event-store';
import type { PiiCipher } from '@frm/pii';
import type { SqlDatabase } from '@frm/postgres';
import { quoteIdent } from '@frm/postgres';
import { dataSubjectStreamId } from '../subjects/domain';
import { subjectActedIn } from '../subject-index/subjects-of-event';
import { recordOfEvent, type ExportRecord } from './export-records';
import { revealPersonalData, type RevealingCipher } from './reveal-personal-data';

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
 * Everything about a subject, as export records: the events they acted in from the streams the
 * subject index names (never a scan of the whole store), their own stream (consents, erasures), and
 * the audit entries they did or that were done to them.
 */
export async function collectSubjectRecords(sources: SubjectRecordSources, subjectId: string, watermark: string): Promise<ExportRecord[]> {
  const streams = [...(await sources.streamsOf(subjectId)), dataSubjectStreamId(subjectId)];
  // Their own key, unwrapped once: what they wrote then decrypts without a look-up per field.
  await sources.cipher.warm([subjectId]);
  const recordsOf = async (streamId: string): Promise<ExportRecord[]> => {
    const own: ExportRecord[] = [];
    for (const event of await sources.eventStore.readStream(streamId)) {
      if (streamId !== dataSubjectStreamId(subjectId) && !subjectActedIn(event, subjectId)) continue;
      own.push(recordOfEvent(event, await revealPersonalData(sources.cipher, streamId, event.data), watermark));
    }
    return own;
  };
  const records: ExportRecord[] = (await inOrderConcurrently(streams, STREAMS_IN_FLIGHT, recordsOf)).flat();
  for (const entry of await auditEntriesAbout(sources, subjectId)) {
    records.push({
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
    });
  }
  return records;
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
