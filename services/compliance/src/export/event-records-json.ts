import type { RecordedEvent } from '@frm/event-store';
import { decryptFieldsWith, type DataKeyMaterial } from '@frm/pii';
import { recordOfEvent } from './export-records';
import { copyFinding, mayHoldEncrypted, UNREADABLE, type FoundMember } from './reveal-personal-data';

/** What a record is made of: the event's data as stored (personal data still encrypted) and where it was recorded. */
export type EventToExport = Pick<RecordedEvent, 'id' | 'type' | 'streamId' | 'recordedAt' | 'data'>;

/** Events of one stream to turn into export records, with the data keys to decrypt them. */
export interface EventRecordsBatch {
  readonly streamId: string;
  readonly watermark: string;
  readonly keys: readonly DataKeyMaterial[];
  readonly events: readonly EventToExport[];
}

/**
 * The records' rows as UTF-8 JSON, one after another in one buffer (a thread hands it over without
 * a copy): event i's row ends at `ends[i]` and begins where the one before ended. An event named in
 * `withoutKey` has an empty row there: one of its members needs a key the batch did not bring (another
 * subject's, or one erased), and the caller reveals it with the cipher instead.
 */
export interface EventRecordsJson {
  readonly json: Uint8Array;
  readonly ends: Uint32Array;
  readonly withoutKey: readonly number[];
}

/** The export records of a batch, decrypted with its keys only: no look-ups, so it runs the same on a worker thread. */
export function eventRecordsJson(batch: EventRecordsBatch): EventRecordsJson {
  const found: FoundMember[] = [];
  const eventOfMember: number[] = [];
  const revealed = batch.events.map((event, index) => {
    if (!mayHoldEncrypted(event.data)) return event.data;
    const before = found.length;
    const copy = copyFinding(event.data, '', found);
    for (let member = before; member < found.length; member++) eventOfMember.push(index);
    return copy;
  });
  // One batch for the whole stream: each call prepares its keys once.
  const plaintexts = decryptFieldsWith(batch.keys, batch.streamId, found);
  const withoutKey = new Set<number>();
  plaintexts.forEach((plaintext, member) => {
    const { holder, key } = found[member] as FoundMember;
    if (plaintext === null) withoutKey.add(eventOfMember[member] as number);
    else holder[key] = plaintext === false ? UNREADABLE : plaintext;
  });
  const rows = batch.events.map((event, index) =>
    withoutKey.has(index) ? '' : JSON.stringify(recordOfEvent(event, revealed[index] as EventToExport['data'], batch.watermark).row),
  );
  const ends = new Uint32Array(rows.length);
  let end = 0;
  rows.forEach((row, index) => (ends[index] = end += Buffer.byteLength(row, 'utf8')));
  return { json: new TextEncoder().encode(rows.join('')), ends, withoutKey: [...withoutKey] };
}
