import { quoteIdent, type SqlDatabase } from '@frm/postgres';

const UNIQUE_VIOLATION = '23505';

/**
 * Tables triage fills outside the projection's transaction, in a schema of their own so that a
 * rebuilt projection (a new schema) finds them: `vectors`, the embeddings keyed by model and text
 * hash, so unchanged text is never embedded twice; `duplicate_marks`, one per request, computed in
 * submission order (see DuplicateMarker).
 */
export class DerivedTables {
  readonly vectors: string;
  readonly marks: string;

  constructor(readonly schema: string) {
    this.vectors = `${quoteIdent(schema)}.vectors`;
    this.marks = `${quoteIdent(schema)}.duplicate_marks`;
  }

  async install(db: SqlDatabase): Promise<void> {
    await tolerateConcurrentCreation(() => db.query(`create extension if not exists pg_trgm with schema public`));
    await tolerateConcurrentCreation(() => db.query(`create schema if not exists ${quoteIdent(this.schema)}`));
    await tolerateConcurrentCreation(() =>
      db.query(`create table if not exists ${this.vectors} (
                  model text not null,
                  text_hash text not null,
                  vector bytea not null,
                  primary key (model, text_hash)
                )`),
    );
    await tolerateConcurrentCreation(() =>
      db.query(`create table if not exists ${this.marks} (
                  request_id uuid primary key,
                  method text not null,
                  duplicate_of uuid,
                  score double precision not null
                )`),
    );
  }
}

/** `if not exists` still races between two sessions creating the same thing; the loser finds it made. */
async function tolerateConcurrentCreation(create: () => Promise<unknown>): Promise<void> {
  try {
    await create();
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    await create();
  }
}

/** float32 little-endian, as stored in `vectors.vector`. */
export function vectorToBytes(vector: Float32Array): Buffer {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, i) => bytes.writeFloatLE(value, i * 4));
  return bytes;
}

export function vectorFromBytes(bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vector = new Float32Array(bytes.byteLength / 4);
  for (let i = 0; i < vector.length; i++) vector[i] = view.getFloat32(i * 4, true);
  return vector;
}
