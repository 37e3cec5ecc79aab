import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { eventRecordsJson, type EventRecordsBatch, type EventRecordsJson } from './event-records-json';
import type { EventRecordsReply, EventRecordsRequest } from './export-records-thread.messages';

// The thread runs the TypeScript module through the same compiler the services run with.
const BOOTSTRAP = `require('@swc-node/register'); require(${JSON.stringify(join(__dirname, 'export-records-thread.ts'))});`;

interface Pending {
  readonly batch: EventRecordsBatch;
  resolve(records: EventRecordsJson): void;
  reject(error: Error): void;
}

/**
 * {@link eventRecordsJson} on a thread of its own. An export is CPU work on one thread otherwise:
 * reading the streams, then AES-GCM per field and JSON per record; here the decrypting and
 * serialising runs on the second core while the service's thread reads the next streams. Until the
 * thread has started, and once it has stopped, batches are made on the calling thread: the answer
 * is the same, only slower.
 */
export class ExportRecordsThread {
  private worker: Worker | undefined;
  private ready = false;
  private stopped = false;
  /** Settles `true` once the thread takes batches, `false` once it stopped before or after. */
  private readonly readiness: Promise<boolean>;
  private settleReadiness: (ready: boolean) => void = () => undefined;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  constructor() {
    this.readiness = new Promise((resolve) => (this.settleReadiness = resolve));
  }

  /** Starts the thread if it is not running yet (it takes batches once it has loaded). */
  start(): void {
    if (this.worker || this.stopped) return;
    const worker = new Worker(BOOTSTRAP, { eval: true });
    this.worker = worker;
    worker.on('message', (message: EventRecordsReply) => this.settle(message));
    worker.on('error', () => this.stopUsingThread());
    worker.on('exit', () => this.stopUsingThread());
    worker.unref();
  }

  /** Whether the thread takes batches, once it has loaded or stopped (tests wait for it; services need not). */
  whenReady(): Promise<boolean> {
    this.start();
    return this.readiness;
  }

  records(batch: EventRecordsBatch): Promise<EventRecordsJson> {
    this.start();
    const worker = this.worker;
    if (!this.ready || !worker) return Promise.resolve(eventRecordsJson(batch));
    const id = this.nextId++;
    const request: EventRecordsRequest = { id, batch };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { batch, resolve, reject });
      // Held only while a batch is in flight: an idle thread never keeps the process alive.
      if (this.pending.size === 1) worker.ref();
      worker.postMessage(request);
    });
  }

  /** Stops the thread; batches from now on are made on the calling thread. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.stopUsingThread();
    await worker?.terminate();
  }

  private settle(message: EventRecordsReply): void {
    if (message.type === 'ready') {
      this.ready = !this.stopped;
      this.settleReadiness(this.ready);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (this.pending.size === 0) this.worker?.unref();
    if (message.type === 'records') pending.resolve(message.records);
    else pending.reject(new Error(`the export records thread could not make a batch: ${message.message}`));
  }

  /** The batches it still held are made here: a thread that stopped costs time, never an answer. */
  private stopUsingThread(): void {
    this.stopped = true;
    this.ready = false;
    this.settleReadiness(false);
    this.worker = undefined;
    for (const { batch, resolve, reject } of this.pending.values()) {
      try {
        resolve(eventRecordsJson(batch));
      } catch (error) {
        reject(error as Error);
      }
    }
    this.pending.clear();
  }
}
