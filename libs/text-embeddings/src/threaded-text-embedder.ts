import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { EmbeddingModelFilesError } from './embedding-model-files.error';
import type { EmbeddingThreadData, EmbeddingThreadReply, EmbedRequest } from './embedding-thread.messages';
import type { EmbedOptions, TextEmbedder } from './text-embedder.port';
import type { ThreadPriority } from './thread-priority';
import type { UniversalSentenceEncoderOptions } from './universal-sentence-encoder';

// The thread runs the TypeScript module through the same compiler the services run with.
const BOOTSTRAP = `require('@swc-node/register'); require(${JSON.stringify(join(__dirname, 'embedding-thread.ts'))});`;

/**
 * The model thread's nice value unless told otherwise. A service's own thread answers calls; the
 * model's work is mostly in the background (a stored text's vector), and a search that waits too
 * long for it answers by wording alone. So when the machine is short of CPU the model yields to the
 * services' threads (at 10 it gets about a tenth of what a thread at 0 gets), and when it is not,
 * the value changes nothing.
 */
export const MODEL_THREAD_NICENESS = 10;

export interface ThreadedTextEmbedderOptions extends UniversalSentenceEncoderOptions {
  /** The model thread's nice value (Linux), set as it is, not added to the process's; default {@link MODEL_THREAD_NICENESS}. */
  readonly niceness?: number;
}

interface Pending {
  resolve(vectors: Float32Array[]): void;
  reject(error: Error): void;
}

/**
 * {@link UniversalSentenceEncoder} on a worker thread. The WebAssembly model holds the thread it
 * runs on for the whole call (a batch of 20 short texts: about 55 ms), so on the service's own
 * thread every gRPC call in flight would wait behind it; here they do not.
 */
export class ThreadedTextEmbedder implements TextEmbedder {
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private failure: Error | undefined;

  private constructor(
    private readonly worker: Worker,
    readonly model: string,
    readonly dimensions: number,
    /** The model thread's id and nice value, or why its priority is the process's. */
    readonly priority: ThreadPriority,
  ) {
    worker.on('message', (message: EmbeddingThreadReply) => this.settle(message));
    worker.on('error', (error) => this.fail(new Error(`the embedding thread failed: ${error.message}`)));
    worker.on('exit', (code) => this.fail(new Error(`the embedding thread stopped (exit code ${code}); restart the service to embed again`)));
    worker.unref();
  }

  /** @throws EmbeddingModelFilesError when a model file is missing or corrupt */
  static async load({ niceness = MODEL_THREAD_NICENESS, ...options }: ThreadedTextEmbedderOptions = {}): Promise<ThreadedTextEmbedder> {
    // A Linux thread starts at the nice value of the thread that starts it, and libuv starts its
    // pool (files, DNS, crypto, zlib of the whole process) on first use: one file call here makes
    // sure that is this thread, not the model's, whose reads of the model files would otherwise
    // start the pool at the model's priority.
    await access(__filename);
    const workerData: EmbeddingThreadData = { options, niceness };
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData });
    let onError: (error: Error) => void = () => undefined;
    let onMessage: (message: EmbeddingThreadReply) => void = () => undefined;
    const ready = await new Promise<{ model: string; dimensions: number; priority: ThreadPriority }>((resolve, reject) => {
      const failed = (error: Error) => {
        void worker.terminate();
        reject(error);
      };
      onError = (error) => failed(new Error(`the embedding thread could not start: ${error.message}`));
      onMessage = (message) => {
        if (message.type === 'ready') resolve(message);
        else if (message.type === 'model-files') failed(new EmbeddingModelFilesError(message.file, message.problem, message.detail));
        else failed(new Error(`the embedding thread could not load the model: ${message.type === 'load-failed' ? message.message : message.type}`));
      };
      worker.once('error', onError).once('message', onMessage);
    });
    // Only these two: removeAllListeners() would also drop the Worker's own hooks and stop its messages.
    worker.off('error', onError).off('message', onMessage);
    return new ThreadedTextEmbedder(worker, ready.model, ready.dimensions, ready.priority);
  }

  embed(texts: readonly string[], options: EmbedOptions = {}): Promise<Float32Array[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (texts.length === 0) return Promise.resolve([]);
    const id = this.nextId++;
    const request: EmbedRequest = { id, texts: [...texts], ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }) };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Held only while a call is in flight: an idle model never keeps the process alive.
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage(request);
    });
  }

  dispose(): void {
    this.fail(new Error('the embedding model was closed'));
    void this.worker.terminate();
  }

  private settle(message: EmbeddingThreadReply): void {
    if (message.type !== 'vectors' && message.type !== 'failed') return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (this.pending.size === 0) this.worker.unref();
    if (message.type === 'vectors') pending.resolve(message.vectors);
    else pending.reject(new Error(message.message));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(this.failure);
    this.pending.clear();
  }
}
