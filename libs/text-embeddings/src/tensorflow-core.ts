import type { EmbeddingsModelSource } from '@energetic-ai/embeddings';

type GraphModel = Awaited<ReturnType<EmbeddingsModelSource>>['model'];

/**
 * The part of `@energetic-ai/core` this library calls. Its type declarations re-export
 * `@tensorflow/tfjs-*`, which it bundles but does not install, so TypeScript cannot see these.
 */
export interface TensorflowCore {
  loadGraphModel(url: string): Promise<GraphModel>;
  getBackend(): string;
}

/** Loaded on first use, so code that only needs `cosine` never loads TensorFlow.js. */
export async function tensorflow(): Promise<TensorflowCore> {
  return (await import('@energetic-ai/core')) as unknown as TensorflowCore;
}
