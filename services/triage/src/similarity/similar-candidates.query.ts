import { TEXT_SEARCH_CONFIG } from '../read-model/triage.projection';
import { allWordsQuery, anyWordQuery, twoWordQuery } from './text-query';
import { withoutBoilerplate } from './trigram-similarity';

export interface SimilarityTables {
  readonly requests: string;
  readonly vectors: string;
}

export interface CandidateLimits {
  /** Candidates handed to the ranking. */
  readonly wanted: number;
  /** Matches of one step read and ordered at most: what bounds a search's cost on a large board. */
  readonly pool: number;
}

const COLUMNS = {
  current: { title: 'title', description: 'description', search: 'search', hash: 'text_hash' },
  asSubmitted: { title: 'original_title', description: 'original_description', search: 'original_search', hash: 'original_text_hash' },
};

/** The words of a title as a tsvector, spelt exactly as the expression index on it (similarity-indexes.ts). */
export function titleWordsSql(titleColumn: string): string {
  return `to_tsvector('${TEXT_SEARCH_CONFIG}'::regconfig, ${titleColumn})`;
}

/**
 * The candidates of a search, in one statement of six steps, each taken only while the ones before
 * found fewer than `$5` (the outer LIMIT keeps Postgres from running the rest): requests using all
 * of the query's words (`$1`); then any two of them in the title (`$2`), then anywhere; then any one
 * (`$3`) in the title, then anywhere; then titles spelt like `$4` (pg_trgm's `%`, for typos). Every
 * step reads at most `$6` of its matches through a GIN index, in no order, and ranks only those:
 * ranking every request that shares a common word is what made a search of 50,000 requests cost
 * 10–50 ms of Postgres time. Titles come before whole texts because a title's index lists a
 * common word about six times less often, so the usual search (a few words typed as a title)
 * finishes in the first steps; a small board runs them all and gets every request that shares a word.
 * Each row comes with its text hash (its vector's key); with `asSubmitted`, requests as first
 * submitted, below seq `$7`.
 */
export function similarCandidatesSql(tables: SimilarityTables, asSubmitted: boolean): string {
  const c = asSubmitted ? COLUMNS.asSubmitted : COLUMNS.current;
  const filter = `not r.erased and ${asSubmitted ? 'r.seq < $7::bigint' : `r.status <> 'FEATURE_REQUEST_STATUS_MERGED'`}`;
  const title = titleWordsSql(`r.${c.title}`);
  const search = `r.${c.search}`;
  const step = (match: string, rank: string) => `(select p.id, p.title, p.description, p.status, p.hash from (
                 select r.id, r.${c.title} as title, r.${c.description} as description, r.status, r.${c.hash} as hash, ${search} as search
                 from ${tables.requests} r, q where ${filter} and ${match} limit $6
               ) p, q order by ${rank} desc, p.id limit $5)`;
  const found = {
    every: `${search} @@ q.every`,
    titlePairs: `${title} @@ q.pairs`,
    pairs: `${search} @@ q.pairs`,
    titleOne: `${title} @@ q.one`,
    one: `${search} @@ q.one`,
  };
  const not = (...earlier: string[]) => earlier.map((condition) => ` and not (${condition})`).join('');
  return `with q as (select to_tsquery('${TEXT_SEARCH_CONFIG}'::regconfig, $1) as every, to_tsquery('${TEXT_SEARCH_CONFIG}'::regconfig, $2) as pairs,
                            to_tsquery('${TEXT_SEARCH_CONFIG}'::regconfig, $3) as one)
          select c.id, c.title, left(c.description, 2000) as description, c.status, c.hash
          from (
            ${step(found.every, 'ts_rank(p.search, q.every)')}
            union all
            ${step(found.titlePairs + not(found.every), 'ts_rank(p.search, q.pairs)')}
            union all
            ${step(found.pairs + not(found.every, found.titlePairs), 'ts_rank(p.search, q.pairs)')}
            union all
            ${step(found.titleOne + not(found.pairs), 'ts_rank(p.search, q.one)')}
            union all
            ${step(found.one + not(found.pairs, found.titleOne), 'ts_rank(p.search, q.one)')}
            union all
            ${step(`r.${c.title} operator(public.%) $4` + not(found.one), 'public.similarity(p.title, $4)')}
            limit $5
          ) c`;
}

/** The parameters of {@link similarCandidatesSql} for a text. */
export function similarCandidatesParams(
  text: { readonly title: string; readonly description: string },
  limits: CandidateLimits,
  submittedBefore?: string,
): unknown[] {
  return [
    allWordsQuery(text),
    twoWordQuery(text),
    anyWordQuery(text),
    withoutBoilerplate(text.title),
    limits.wanted,
    limits.pool,
    ...(submittedBefore === undefined ? [] : [submittedBefore]),
  ];
}
