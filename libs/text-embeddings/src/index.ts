export type { TextEmbedder } from './text-embedder.port';
export { cosine, cosineOfMeasured, l2Normalised, measured, type MeasuredVector } from './vectors';
export { embedInBatches, type EmbedBatch } from './embed-in-batches';
export { EmbeddingModelFilesError, MODEL_PACKAGE, RESTORE_COMMAND } from './embedding-model-files.error';
export { UniversalSentenceEncoder, type UniversalSentenceEncoderOptions } from './universal-sentence-encoder';
export type { EmbedOptions } from './text-embedder.port';
export { MODEL_THREAD_NICENESS, ThreadedTextEmbedder, type ThreadedTextEmbedderOptions } from './threaded-text-embedder';
export type { ThreadPriority } from './thread-priority';
