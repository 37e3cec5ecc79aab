import { l2Normalised } from './vectors';

/** Embeds one batch; returns one raw vector per text. */
export type EmbedBatch = (texts: readonly string[]) => Promise<ArrayLike<number>[]>;

/**
 * Embeds the texts batch after batch (one at a time: the model runs on one thread, and it bounds
 * memory), checks that each batch gave one vector per text of the expected length, and normalises.
 */
export async function embedInBatches(
  texts: readonly string[],
  options: { readonly batchSize: number; readonly dimensions: number },
  embedBatch: EmbedBatch,
): Promise<Float32Array[]> {
  const { batchSize, dimensions } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a whole number ≥ 1, got ${batchSize}`);
  const vectors: Float32Array[] = [];
  for (let start = 0; start < texts.length; start += batchSize) {
    const batch = texts.slice(start, start + batchSize);
    const raw = await embedBatch(batch);
    if (raw.length !== batch.length) {
      throw new Error(`the model returned ${raw.length} vectors for ${batch.length} texts (texts ${start}–${start + batch.length - 1})`);
    }
    for (const vector of raw) {
      if (vector.length !== dimensions) throw new Error(`the model returned a vector of ${vector.length} dimensions, expected ${dimensions}`);
      vectors.push(l2Normalised(vector));
    }
  }
  return vectors;
}
