import type { SqlDatabase } from '@frm/postgres';
import type { TextEmbedder } from '@frm/text-embeddings';
import { embeddingTextOf } from '../similarity/text-query';
import { vectorToBytes, type DerivedTables } from './derived-tables';

interface ChangedRow {
  readonly text_seq: string;
  readonly erased: boolean;
  readonly text_hash: string;
  readonly title: string;
  readonly description: string;
  readonly has_vector: boolean;
  readonly original_text_hash: string;
  readonly original_title: string;
  readonly original_description: string;
  readonly has_original_vector: boolean;
}

/**
 * Embeds requests' texts off the projection's transaction: it follows `text_seq` (the order of text
 * changes), reads a page of changed requests, embeds the texts — now and as first submitted — that
 * have no vector for this model yet, and stores them by text hash. A rebuilt read model has the same
 * hashes, so it re-embeds nothing. Vectors no request's text hashes to any more (an erased author's)
 * are deleted.
 */
export class EmbeddingWorker {
  /** Every text change up to here has its vectors. */
  private cursor = 0n;
  private erasureSeen = false;

  constructor(
    private readonly db: SqlDatabase,
    private readonly requests: string,
    private readonly derived: DerivedTables,
    private readonly embedder: TextEmbedder,
    private readonly pageSize = 64,
  ) {}

  /** Texts embedded so far by this worker. */
  embedded = 0;

  /** Embeds what one page of changes needs; resolves with how many texts it embedded, or `undefined` when it was caught up. */
  async step(): Promise<number | undefined> {
    const vectorOf = (hash: string) => `exists (select 1 from ${this.derived.vectors} v where v.model = $2 and v.text_hash = r.${hash})`;
    const rows = await this.db.query<ChangedRow>(
      `select r.text_seq::text as text_seq, r.erased, r.text_hash, r.title, r.description, ${vectorOf('text_hash')} as has_vector,
              r.original_text_hash, r.original_title, r.original_description, ${vectorOf('original_text_hash')} as has_original_vector
       from ${this.requests} r where r.text_seq > $1::bigint order by r.text_seq limit $3`,
      [this.cursor.toString(), this.embedder.model, this.pageSize],
    );
    if (rows.length === 0) {
      if (this.erasureSeen) await this.forgetUnusedVectors();
      return undefined;
    }
    const missing = new Map<string, string>();
    for (const row of rows) {
      if (row.erased) {
        this.erasureSeen = true;
        continue;
      }
      if (!row.has_original_vector) missing.set(row.original_text_hash, embeddingTextOf({ title: row.original_title, description: row.original_description }));
      if (!row.has_vector) missing.set(row.text_hash, embeddingTextOf(row));
    }
    // One text per call, awaiting each: a search's own embedding waits for at most one of these.
    for (const [hash, text] of missing) {
      const [vector] = await this.embedder.embed([text]);
      await this.db.query(`insert into ${this.derived.vectors} (model, text_hash, vector) values ($1, $2, $3) on conflict do nothing`, [
        this.embedder.model,
        hash,
        vectorToBytes(vector as Float32Array),
      ]);
    }
    this.embedded += missing.size;
    this.cursor = BigInt((rows.at(-1) as ChangedRow).text_seq);
    return missing.size;
  }

  private async forgetUnusedVectors(): Promise<void> {
    this.erasureSeen = false;
    await this.db.query(
      `delete from ${this.derived.vectors} v
       where not exists (select 1 from ${this.requests} r where r.text_hash = v.text_hash)
         and not exists (select 1 from ${this.requests} r where r.original_text_hash = v.text_hash)`,
    );
  }
}
