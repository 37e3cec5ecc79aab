import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { SqlQueryable } from '@frm/postgres';
import { cosine } from '@frm/text-embeddings';
import { StoredVectors } from '../embeddings/stored-vectors';
import type { TextModel } from '../embeddings/text-model';
import { candidateLikeness } from './candidate-likeness';
import { DEFAULT_HUBNESS_CORRECTION, withoutHubness, type HubnessCorrection } from './hubness';
import { DEFAULT_HYBRID_WEIGHTS, hybridRank, reasonFor, WORDING_ONLY, type HybridWeights, type LexicalHit, type RankedMatch, type SemanticHit } from './hybrid-rank';
import { DEFAULT_LEXICAL_WEIGHTS, featureScore, textFeatures, type LexicalWeights, type TextFeatures } from './lexical-score';
import { wordsWithStems } from './shared-words';
import { similarCandidatesParams, similarCandidatesSql, type SimilarityTables } from './similar-candidates.query';
import { embeddingTextOf } from './text-query';

export interface RequestText {
  readonly title: string;
  readonly description: string;
}

export interface SimilarMatch extends RankedMatch {
  readonly title: string;
  readonly status: string;
}

/** How a search was ranked: by meaning and wording, or by wording alone (no model, or its vector came too late). */
export type SearchMode = 'hybrid' | 'lexical' | 'lexical-over-budget';

export interface SimilarResult {
  readonly matches: SimilarMatch[];
  readonly mode: SearchMode;
}

export interface SimilarityTuning {
  /** How many requests full-text and trigram search hand to the ranking. */
  readonly candidates: number;
  /** How many matches of one search step are read and ordered at most (see similarCandidatesSql). */
  readonly candidatePool: number;
  readonly hybrid: HybridWeights;
  readonly lexical: LexicalWeights;
  /** How much a candidate's likeness to the other candidates is taken off its score (see withoutHubness). */
  readonly hubness: HubnessCorrection;
  /**
   * How long a search typed by a person waits for its text's vector before it answers by wording
   * alone (and says so); `Infinity`: always wait. The model embeds one batch at a time on a thread
   * of its own; under a burst of searches the wait, not the ranking, is what a person would feel.
   */
  readonly queryEmbeddingBudgetMs: number;
}

export const DEFAULT_SIMILARITY_TUNING: SimilarityTuning = {
  candidates: 50,
  candidatePool: 200,
  hybrid: DEFAULT_HYBRID_WEIGHTS,
  lexical: DEFAULT_LEXICAL_WEIGHTS,
  hubness: DEFAULT_HUBNESS_CORRECTION,
  // On an idle machine a short text's vector takes about 10 ms; 40 ms leaves room for a busy one
  // while keeping the search within 100 ms at its 99th percentile (bench:triage, 20 at once).
  queryEmbeddingBudgetMs: 40,
};

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
  /** Wait at most this long for the query's vector, then rank by wording alone; absent: wait for it. */
  readonly budgetMs?: number;
}

interface CandidateRow {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly status: string;
  readonly hash: string;
}

/**
 * FindSimilarRequests' ranking, also used for duplicate marks and by the evaluation: candidates
 * from Postgres full-text and trigram search with their stored vectors, in one statement
 * (similar-candidates.query.ts), while the query's text is embedded; then the lexical score
 * (lexical-score.ts), the cosine of the query's embedding, {@link hybridRank}, and less what each
 * candidate shares with the other candidates ({@link withoutHubness}). Without a model, or without
 * the query's vector in time, the lexical score alone ranks.
 */
export class SimilarRequestFinder {
  private readonly statements: Readonly<Record<'current' | 'asSubmitted', { readonly sql: string; readonly name: string }>>;
  private readonly vectors: StoredVectors | undefined;
  /**
   * Candidates' words and trigrams by text hash: a text's never change, and reading them anew for
   * 50 candidates cost a search more than ranking them. Bounded by the words and trigrams held
   * (about 40 bytes each: some 120 MB at most), so that long descriptions cannot take more.
   */
  private readonly features = new LRUCache<string, TextFeatures>({
    maxSize: 3_000_000,
    sizeCalculation: (features) => 1 + features.titleTrigrams.size + features.titleWords.size + features.words.size,
  });

  constructor(
    private readonly db: SqlQueryable,
    tables: SimilarityTables,
    private readonly model: TextModel,
    private readonly tuning: SimilarityTuning = DEFAULT_SIMILARITY_TUNING,
  ) {
    this.statements = { current: preparedStatement(similarCandidatesSql(tables, false)), asSubmitted: preparedStatement(similarCandidatesSql(tables, true)) };
    this.vectors = model.embedder ? new StoredVectors(db, tables.vectors, model.embedder.model) : undefined;
  }

  /** Reads the stored vectors of the requests' current texts into memory (see StoredVectors). */
  async preloadVectors(requestsTable: string): Promise<number> {
    return (await this.vectors?.preload(requestsTable)) ?? 0;
  }

  /** The tuning's budget for a search a person is typing; `undefined` (an infinite budget): always wait. */
  get typingBudgetMs(): number | undefined {
    const budget = this.tuning.queryEmbeddingBudgetMs;
    return Number.isFinite(budget) ? budget : undefined;
  }

  async find(text: RequestText, options: FindOptions): Promise<SimilarMatch[]> {
    return (await this.search(text, options)).matches;
  }

  async search(text: RequestText, options: FindOptions): Promise<SimilarResult> {
    const embedder = this.model.embedder;
    // Both at once: the vector is on its way while Postgres finds the candidates. Settled into a
    // value at once, so that a model failing meanwhile is not an unhandled rejection; thrown below.
    const queryVector = options.queryVector ?? this.vectors?.held(textHashOf(text));
    const vector = (queryVector ? Promise.resolve(queryVector) : this.model.queries?.vectorOf(embeddingTextOf(text), options.budgetMs))?.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    const statement = options.submittedBefore === undefined ? this.statements.current : this.statements.asSubmitted;
    const rows = await this.db.query<CandidateRow>(
      statement.sql,
      similarCandidatesParams(text, { wanted: this.tuning.candidates, pool: this.tuning.candidatePool }, options.submittedBefore),
      { preparedAs: statement.name },
    );
    const [embedded, stored] = await Promise.all([vector, this.vectors?.of(rows.map((row) => row.hash))]);
    if (embedded && 'error' in embedded) throw embedded.error;
    const found = embedded?.value;
    const queryFeatures = textFeatures(text);
    const featuresOf = (row: CandidateRow): TextFeatures => {
      let features = this.features.get(row.hash);
      if (!features) {
        features = textFeatures(row);
        this.features.set(row.hash, features);
      }
      return features;
    };
    const lexical: LexicalHit[] = rows.map((row) => ({ id: row.id, score: featureScore(queryFeatures, featuresOf(row), this.tuning.lexical) }));
    const semantic: SemanticHit[] | undefined = found
      ? rows.flatMap((row) => {
          const candidate = stored?.get(row.hash);
          return candidate ? [{ id: row.id, cosine: cosine(found, candidate) }] : [];
        })
      : undefined;
    const mode: SearchMode = !embedder ? 'lexical' : found ? 'hybrid' : 'lexical-over-budget';
    const byId = new Map(rows.map((row) => [row.id, row]));
    const ranked = hybridRank(lexical, semantic, { weights: this.tuning.hybrid });
    const rankedRows = ranked.map((match) => byId.get(match.id) as CandidateRow);
    const likeness = candidateLikeness(
      { features: rankedRows.map(featuresOf), ...(found ? { vectors: rankedRows.map((row) => stored?.get(row.hash)) } : {}) },
      this.tuning,
    );
    const queryHash = textHashOf(text);
    const corrected = withoutHubness(ranked, likeness, {
      correction: this.tuning.hubness,
      limit: options.limit,
      isQuery: (index) => (rankedRows[index] as CandidateRow).hash === queryHash,
    });
    const queryWords = `${text.title} ${text.description}`;
    const matches = corrected.map((match) => {
      const row = byId.get(match.id) as CandidateRow;
      // The shared words only for what is returned: finding them for every candidate cost more than ranking.
      const reason = reasonFor(match.semantic, { id: match.id, score: match.lexical, matchedWords: wordsWithStems(queryWords, featuresOf(row).words) });
      return { ...match, title: row.title, status: row.status, reason: mode === 'lexical-over-budget' ? `${reason}; ${WORDING_ONLY}` : reason };
    });
    return { matches, mode };
  }
}

/**
 * The read model's `text_hash` of a text (md5 of the title, a newline and the description): a text
 * that is some request's already has its vector, the same bit for bit as the model would make it
 * (a request's page asking for requests like it, a person pasting one), and needs no model call.
 */
export function textHashOf(text: RequestText): string {
  return createHash('md5').update(embeddingTextOf(text), 'utf8').digest('hex');
}

/** Parsed once per connection; named after the text, since finders on other schemas share the pool. */
function preparedStatement(sql: string): { readonly sql: string; readonly name: string } {
  return { sql, name: `triage_similar_${createHash('sha256').update(sql).digest('hex').slice(0, 16)}` };
}
