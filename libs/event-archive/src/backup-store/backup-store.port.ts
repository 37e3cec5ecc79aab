export interface PutOptions {
  /** Aborting stops the write; nothing is then left under the name. */
  signal?: AbortSignal;
}

/**
 * Where backup files live: a flat set of named files. A local directory here; an object store
 * (S3 and the like) implements the same four calls, which is why there is no rename, append or
 * lock: `put` is all-or-nothing (like an S3 PUT or a completed multipart upload).
 */
export interface BackupStore {
  /** For messages: "directory /srv/backups", "s3://bucket/prefix". */
  readonly description: string;
  /**
   * Stores `content` under `name`, replacing what was there. Readers see the old content or the
   * whole new one, never a part; when it fails or is aborted, the name keeps what it had before.
   */
  put(name: string, content: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options?: PutOptions): Promise<void>;
  /** @throws BackupFileMissingError when there is no such file */
  get(name: string): Promise<AsyncIterable<Uint8Array>>;
  /** Every stored name, in no particular order (no file being written). */
  list(): Promise<string[]>;
  /** Removes the file; no error when there is none. */
  delete(name: string): Promise<void>;
}
