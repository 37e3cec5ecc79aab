import { parentPort, workerData } from 'node:worker_threads';
import { EmbeddingModelFilesError } from './embedding-model-files.error';
import type { EmbeddingThreadData, EmbeddingThreadReply, EmbedRequest } from './embedding-thread.messages';
import { setThisThreadsNiceness } from './thread-priority';
import { UniversalSentenceEncoder } from './universal-sentence-encoder';

// The thread ThreadedTextEmbedder starts: the model, and nothing else, on a thread of its own.
const port = parentPort;
if (!port) throw new Error('embedding-thread.ts runs inside a worker thread started by ThreadedTextEmbedder');
const reply = (message: EmbeddingThreadReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

const data = workerData as EmbeddingThreadData;
const priority = setThisThreadsNiceness(data.niceness);

UniversalSentenceEncoder.load(data.options).then(
  (encoder) => {
    port.on('message', (request: EmbedRequest) => {
      encoder.embed(request.texts, request.batchSize === undefined ? {} : { batchSize: request.batchSize }).then(
        (vectors) => reply({ type: 'vectors', id: request.id, vectors }, vectors.map((vector) => vector.buffer as ArrayBuffer)),
        (error: unknown) => reply({ type: 'failed', id: request.id, message: error instanceof Error ? error.message : String(error) }),
      );
    });
    reply({ type: 'ready', model: encoder.model, dimensions: encoder.dimensions, priority });
  },
  (error: unknown) => {
    if (error instanceof EmbeddingModelFilesError) reply({ type: 'model-files', file: error.file, problem: error.problem, detail: error.detail });
    else reply({ type: 'load-failed', message: error instanceof Error ? error.message : String(error) });
  },
);
