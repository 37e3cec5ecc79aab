import type { SqlQueryable } from '@frm/postgres';
import { cosine } from '@frm/text-embeddings';
import { vectorFromBytes } from '../embeddings/derived-tables';
import type { TextModel } from '../embeddings/text-model';
import { TEXT_SEARCH_CONFIG } from '../read-model/triage.projection';
import { DEFAULT_HYBRID_WEIGHTS, hybridRank, type HybridWeights, type LexicalHit, type RankedMatch, type SemanticHit } from './hybrid-rank';
import { DEFAULT_LEXICAL_WEIGHTS, lexicalScorer, type LexicalWeights } from './lexical-score';
import { sharedWords } from './shared-words';
import { anyWordQuery, embeddingTextOf, twoWordQuery } from './text-query';
import { withoutBoilerplate } from './trigram-similarity';

export interface RequestText {
  readonly title: string;
  readonly description: string;
}

export interface SimilarMatch extends RankedMatch {
  readonly title: string;
  readonly status: string;
}

export interface SimilarityTuning {
  /** How many requests full-text and trigram search hand to the ranking. */
  readonly candidates: number;
  readonly hybrid: HybridWeights;
  readonly lexical: LexicalWeights;
}

export const DEFAULT_SIMILARITY_TUNING: SimilarityTuning = { candidates: 50, hybrid: DEFAULT_HYBRID_WEIGHTS, lexical: DEFAULT_LEXICAL_WEIGHTS };

export interface FindOptions {
  readonly limit: number;
  /**
   * Compare with requests as first submitted, and only those submitted before this one (its `seq`):
   * a duplicate mark, which then depends on the order and the texts of submissions only. Absent:
   * requests as they are now, merged ones left out (the typing path).
   */
  readonly submittedBefore?: string;
  /** The query's own vector when it is stored already; otherwise the text is embedded (hybrid mode). */
  readonly queryVector?: Float32Array;
}

interface CandidateRow {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly status: string;
  readonly vector: Uint8Array | null;
}

/**
 * FindSimilarRequests' ranking, also used for duplicate marks and by the evaluation: candidates
 * from Postgres full-text search (any of the query's words) and pg_trgm similarity of titles, in
 * one query with their stored vectors; then the lexical score (lexical-score.ts), the cosine of the
 * query's embedding and {@link hybridRank}. Without a model (lexical mode) the lexical score alone ranks.
 */
export class SimilarRequestFinder {
  constructor(
    private readonly db: SqlQueryable,
    private readonly tables: { readonly requests: string; readonly vectors: string },
    private readonly model: TextModel,
    private readonly tuning: SimilarityTuning = DEFAULT_SIMILARITY_TUNING,
  ) {}

  async find(text: RequestText, options: FindOptions): Promise<SimilarMatch[]> {
    const embedder = this.model.embedder;
    const queryVector = embedder ? (options.queryVector ?? (await embedder.embed([embeddingTextOf(text)]))[0]) : undefined;
    const rows = await this.candidates(text, options.submittedBefore, embedder?.model);
    const score = lexicalScorer(text, this.tuning.lexical);
    const lexical: LexicalHit[] = rows.map((row) => ({
      id: row.id,
      score: score(row),
      matchedWords: sharedWords(`${text.title} ${text.description}`, `${row.title} ${row.description}`),
    }));
    const semantic: SemanticHit[] | undefined = queryVector
      ? rows.flatMap((row) => (row.vector ? [{ id: row.id, cosine: cosine(queryVector, vectorFromBytes(row.vector)) }] : []))
      : undefined;
    const byId = new Map(rows.map((row) => [row.id, row]));
    return hybridRank(lexical, semantic, { weights: this.tuning.hybrid, limit: options.limit }).map((match) => {
      const row = byId.get(match.id) as CandidateRow;
      return { ...match, title: row.title, status: row.status };
    });
  }

  /**
   * Requests sharing two of the query's words, best first; when there are fewer than wanted (a
   * small board, rare words), those sharing one; when still fewer (typos), those whose titles are
   * spelt alike (pg_trgm). Ranking every request that shares one common word is what would make a
   * large board slow.
   */
  private async candidates(text: RequestText, submittedBefore: string | undefined, model: string | undefined): Promise<CandidateRow[]> {
    const wanted = this.tuning.candidates;
    const asSubmitted = submittedBefore !== undefined;
    const seq = asSubmitted ? [submittedBefore] : [];
    const fullText = (query: string) => this.db.query<CandidateRow>(fullTextCandidatesSql(this.tables, asSubmitted), [query, wanted, model ?? null, ...seq]);
    const pairs = twoWordQuery(text);
    let rows = pairs.includes('&') ? await fullText(pairs) : [];
    if (rows.length < wanted) rows = await fullText(anyWordQuery(text));
    if (rows.length >= wanted) return rows;
    const found = new Set(rows.map((row) => row.id));
    const spelt = await this.db.query<CandidateRow>(trigramCandidatesSql(this.tables, asSubmitted), [withoutBoilerplate(text.title), wanted, model ?? null, ...seq]);
    return [...rows, ...spelt.filter((row) => !found.has(row.id))].slice(0, wanted);
  }
}

const COLUMNS = {
  current: { title: 'title', description: 'description', search: 'search', hash: 'text_hash' },
  asSubmitted: { title: 'original_title', description: 'original_description', search: 'original_search', hash: 'original_text_hash' },
};

type Columns = (typeof COLUMNS)['current'];

/** The candidates, with their vectors (read for those rows only): `$3` the model (null: none), `$4` with `asSubmitted` the seq to stay below. */
function candidatesSql(tables: { readonly requests: string; readonly vectors: string }, asSubmitted: boolean, match: (columns: Columns, filter: string) => string): string {
  const columns = asSubmitted ? COLUMNS.asSubmitted : COLUMNS.current;
  const filter = `not r.erased and ${asSubmitted ? 'r.seq < $4::bigint' : `r.status <> 'FEATURE_REQUEST_STATUS_MERGED'`}`;
  return `select c.id, c.title, c.description, c.status,
                 (select v.vector from ${tables.vectors} v where v.model = $3 and v.text_hash = c.hash) as vector
          from (
            select r.id, r.${columns.title} as title, left(r.${columns.description}, 2000) as description, r.status, r.${columns.hash} as hash
            from ${tables.requests} r
            ${match(columns, filter)}
            limit $2
          ) c`;
}

/**
 * Full-text candidates: `$1` the tsquery text, `$2` how many. Ranked by ts_rank alone, which is
 * computed for every matching row and so is what a search costs; titles are compared by trigrams
 * afterwards, for the candidates only, in the lexical score. Ties fall to the id.
 */
export function fullTextCandidatesSql(tables: { readonly requests: string; readonly vectors: string }, asSubmitted: boolean): string {
  return candidatesSql(
    tables,
    asSubmitted,
    (columns, filter) => `cross join to_tsquery('${TEXT_SEARCH_CONFIG}'::regconfig, $1) as q
            where ${filter} and r.${columns.search} @@ q
            order by ts_rank(r.${columns.search}, q) desc, r.id`,
  );
}

/** Candidates whose titles are spelt like `$1` (pg_trgm's `%`, through its GIN index), most alike first. */
export function trigramCandidatesSql(tables: { readonly requests: string; readonly vectors: string }, asSubmitted: boolean): string {
  return candidatesSql(
    tables,
    asSubmitted,
    (columns, filter) => `where ${filter} and r.${columns.title} operator(public.%) $1
            order by public.similarity(r.${columns.title}, $1) desc, r.id`,
  );
}
