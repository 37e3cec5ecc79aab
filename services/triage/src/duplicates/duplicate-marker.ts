import type { SqlDatabase } from '@frm/postgres';
import { vectorFromBytes, type DerivedTables } from '../embeddings/derived-tables';
import type { TextModel } from '../embeddings/text-model';
import { LIKELY_DUPLICATE_THRESHOLD, likelyDuplicateOf } from '../similarity/likely-duplicate';
import type { SimilarRequestFinder } from '../similarity/similar-request-finder';

interface PendingRow {
  readonly id: string;
  readonly seq: string;
  readonly erased: boolean;
  readonly original_title: string;
  readonly original_description: string;
  readonly vector: Uint8Array | null;
}

const PAGE = 32;
const COVERAGE_PAGE = 500;
/**
 * Part of every mark's method: marks of another ranking are made again, their scores being on
 * another scale. 2: scores less their hubness (see withoutHubness), threshold 0.25 instead of 0.5.
 */
export const MARK_RANKING = 'ranking 2';

/**
 * Marks each request `possible_duplicate_of` the earlier request its text repeats, if any, in
 * submission order. A mark depends on the event order and the texts only, so a rebuild marks the
 * same: it compares the request as first submitted with the requests submitted before it, as they
 * were first submitted (later edits change neither side); in hybrid mode it waits until the request
 * and every earlier one have their vectors, which the model computes one text at a time, so each
 * vector is the same bit for bit whenever it is computed. A mark records its method: lexical marks
 * (made while the model was missing) are made again once it is back; a hybrid mark stays, unless
 * the ranking changed (MARK_RANKING).
 */
export class DuplicateMarker {
  /** Hybrid mode: every request up to this seq has the vector of its first text (or is erased). */
  private coveredSeq = 0n;
  /** Every request up to this seq has a mark of the current method. */
  private markedSeq = 0n;
  private method: string | undefined;
  marked = 0;

  constructor(
    private readonly db: SqlDatabase,
    private readonly requests: string,
    private readonly derived: DerivedTables,
    private readonly finder: SimilarRequestFinder,
    private readonly model: TextModel,
    private readonly threshold = LIKELY_DUPLICATE_THRESHOLD,
  ) {}

  /** Marks one page of requests; resolves with how many, or `undefined` when there was nothing to mark. */
  async step(): Promise<number | undefined> {
    const method = `${this.model.method}; ${MARK_RANKING}`;
    if (method !== this.method) {
      this.method = method;
      this.markedSeq = 0n;
    }
    const modelName = this.model.embedder?.model ?? null;
    // Read before the marks: a request projected meanwhile waits for the next step rather than being skipped.
    const upTo = modelName ? await this.advanceCoverage(modelName) : await this.lastSeq();
    const rows = await this.db.query<PendingRow>(
      `select r.id, r.seq::text as seq, r.erased, r.original_title, r.original_description, v.vector
       from ${this.requests} r
       left join ${this.derived.marks} m on m.request_id = r.id
       left join ${this.derived.vectors} v on v.model = $3 and v.text_hash = r.original_text_hash
       where r.seq > $1::bigint and r.seq <= $2::bigint
         and (m.request_id is null or (m.method <> $4 and ($3::text is not null or m.method not like 'hybrid:%')))
       order by r.seq limit ${PAGE}`,
      [this.markedSeq.toString(), upTo.toString(), modelName, method],
    );
    if (rows.length === 0) {
      this.markedSeq = upTo;
      return undefined;
    }
    for (const row of rows) {
      const best = row.erased
        ? undefined
        : likelyDuplicateOf(
            row.id,
            await this.finder.find(
              { title: row.original_title, description: row.original_description },
              { limit: 1, submittedBefore: row.seq, ...(row.vector ? { queryVector: vectorFromBytes(row.vector) } : {}) },
            ),
            this.threshold,
          );
      await this.db.query(
        `insert into ${this.derived.marks} (request_id, method, duplicate_of, score) values ($1, $2, $3, $4)
         on conflict (request_id) do update set method = excluded.method, duplicate_of = excluded.duplicate_of, score = excluded.score`,
        [row.id, method, best?.id ?? null, best?.score ?? 0],
      );
    }
    this.marked += rows.length;
    this.markedSeq = BigInt((rows.at(-1) as PendingRow).seq);
    return rows.length;
  }

  private async advanceCoverage(model: string): Promise<bigint> {
    for (;;) {
      const rows = await this.db.query<{ seq: string; ready: boolean }>(
        `select r.seq::text as seq, (r.erased or exists (select 1 from ${this.derived.vectors} v where v.model = $2 and v.text_hash = r.original_text_hash)) as ready
         from ${this.requests} r where r.seq > $1::bigint order by r.seq limit ${COVERAGE_PAGE}`,
        [this.coveredSeq.toString(), model],
      );
      for (const row of rows) {
        if (!row.ready) return this.coveredSeq;
        this.coveredSeq = BigInt(row.seq);
      }
      if (rows.length < COVERAGE_PAGE) return this.coveredSeq;
    }
  }

  private async lastSeq(): Promise<bigint> {
    const [row] = await this.db.query<{ seq: string | null }>(`select max(seq)::text as seq from ${this.requests}`);
    return BigInt(row?.seq ?? 0);
  }
}
