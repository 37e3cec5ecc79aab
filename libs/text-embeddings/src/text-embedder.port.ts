/** Turns texts into vectors whose cosine says how alike their meanings are. */
export interface TextEmbedder {
  /** The length of every vector. */
  readonly dimensions: number;
  /** Which model made the vectors: vectors of different models are never compared. */
  readonly model: string;
  /** One L2-normalised vector per text, in the order of the texts. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}
