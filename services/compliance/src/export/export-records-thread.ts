import { parentPort } from 'node:worker_threads';
import { eventRecordsJson } from './event-records-json';
import type { EventRecordsReply, EventRecordsRequest } from './export-records-thread.messages';

// The thread ExportRecordsThread starts: decrypting and serialising export records, nothing else.
const port = parentPort;
if (!port) throw new Error('export-records-thread.ts runs inside a worker thread started by ExportRecordsThread');

port.on('message', ({ id, batch }: EventRecordsRequest) => {
  let reply: EventRecordsReply;
  try {
    reply = { type: 'records', id, records: eventRecordsJson(batch) };
  } catch (error) {
    port.postMessage({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) } satisfies EventRecordsReply);
    return;
  }
  port.postMessage(reply, [reply.records.json.buffer as ArrayBuffer, reply.records.ends.buffer as ArrayBuffer]);
});
port.postMessage({ type: 'ready' } satisfies EventRecordsReply);
