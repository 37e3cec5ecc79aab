import { createHash } from 'node:crypto';

/** Digest and size of the bytes that went through; final once the source is exhausted. */
export interface PassedBytes {
  sha256(): string;
  readonly sizeBytes: number;
}

/** Passes `source` on unchanged while hashing it, so the checksum is of exactly the bytes stored. */
export function hashWhilePassing(source: AsyncIterable<Uint8Array>): { content: AsyncIterable<Uint8Array>; passed: PassedBytes } {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  let digest: string | undefined;
  const passed: PassedBytes = {
    sha256: () => (digest ??= hash.digest('hex')),
    get sizeBytes() {
      return sizeBytes;
    },
  };
  async function* content(): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      hash.update(chunk);
      sizeBytes += chunk.byteLength;
      yield chunk;
    }
  }
  return { content: content(), passed };
}

/** SHA-256 and size of a whole stream. */
export async function hashOf(source: AsyncIterable<Uint8Array>, onBytes?: (bytes: number) => void): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  for await (const chunk of source) {
    hash.update(chunk);
    sizeBytes += chunk.byteLength;
    onBytes?.(chunk.byteLength);
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}
