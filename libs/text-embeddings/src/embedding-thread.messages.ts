import type { ThreadPriority } from './thread-priority';
import type { UniversalSentenceEncoderOptions } from './universal-sentence-encoder';

/** What the thread is started with. */
export interface EmbeddingThreadData {
  readonly options: UniversalSentenceEncoderOptions;
  /** The thread's nice value (Linux), set before the model loads. */
  readonly niceness: number;
}

export interface EmbedRequest {
  readonly id: number;
  readonly texts: readonly string[];
  readonly batchSize?: number;
}

export type EmbeddingThreadReply =
  | { readonly type: 'ready'; readonly model: string; readonly dimensions: number; readonly priority: ThreadPriority }
  | { readonly type: 'model-files'; readonly file: string; readonly problem: 'missing' | 'corrupt'; readonly detail: string }
  | { readonly type: 'load-failed'; readonly message: string }
  | { readonly type: 'vectors'; readonly id: number; readonly vectors: Float32Array[] }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };
