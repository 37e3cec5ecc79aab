/** Turns texts into vectors whose cosine says how alike their meanings are. */
export interface TextEmbedder {
  /** The length of every vector. */
  readonly dimensions: number;
  /** Which model made the vectors: vectors of different models are never compared. */
  readonly model: string;
  /** One L2-normalised vector per text, in the order of the texts. */
  embed(texts: readonly string[], options?: EmbedOptions): Promise<Float32Array[]>;
}

export interface EmbedOptions {
  /**
   * Texts per call into the model for this call (default: the embedder's own). One text per call
   * makes a text's vector the same bit for bit whatever else is embedded; a batch is about three
   * times faster per short text, its vectors differing only in the last bits.
   */
  readonly batchSize?: number;
}
