import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A real feature request quoted from a public tracker. */
export interface LabelledRequest {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The https address of the issue it was quoted from. */
  readonly source: string;
  /**
   * The feature board it belongs to: the GitHub owner of its source. A real board holds one product
   * family, so a duplicate search should only look among requests of the same board.
   */
  readonly board: string;
}

/** A maintainer's statement that `query` asks for the same thing as `duplicateOf`. */
export interface DuplicatePair {
  readonly query: string;
  readonly duplicateOf: string;
  /** Where the maintainer said so. */
  readonly evidence: string;
  /**
   * Set when both were closed as duplicates of this third issue, whose own text is not in the set:
   * siblings of one duplicate ask for the same thing as each other.
   */
  readonly via?: string;
}

export interface DuplicateSet {
  readonly requests: readonly LabelledRequest[];
  readonly duplicatePairs: readonly DuplicatePair[];
  /** Requests that have no duplicate anywhere in the set: a match above the threshold is a false duplicate. */
  readonly distinctQueries: readonly string[];
}

export interface ScoredCandidate {
  readonly id: string;
  readonly score: number;
}

/** Per query id, the other requests ranked best first (as FindSimilarRequests returns them). */
export type RankedResults = ReadonlyMap<string, readonly ScoredCandidate[]>;

/**
 * Share of duplicate queries with a labelled duplicate among their first `k` results. Labels are
 * transitive: requests linked through pairs are one cluster, and any other member counts as a hit.
 */
export function recallAtK(results: RankedResults, pairs: readonly DuplicatePair[], k: number): number {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  const clusters = duplicateClusters(pairs);
  const queries = [...new Set(pairs.map((pair) => pair.query))];
  if (queries.length === 0) throw new RangeError('recall needs at least one duplicate pair');
  const found = queries.filter((query) => {
    const cluster = clusters.get(query) ?? new Set<string>();
    return withoutQuery(results.get(query), query)
      .slice(0, k)
      .some((candidate) => cluster.has(candidate.id));
  });
  return found.length / queries.length;
}

/**
 * Share of distinct queries whose best match scores at least `threshold`, so would be marked a likely
 * duplicate although none exists. A query missing from `results` found nothing, which is correct.
 */
export function falseDuplicateRate(results: RankedResults, distinctQueries: readonly string[], threshold: number): number {
  if (distinctQueries.length === 0) throw new RangeError('the false-duplicate rate needs at least one distinct query');
  const flagged = distinctQueries.filter((query) =>
    withoutQuery(results.get(query), query).some((candidate) => candidate.score >= threshold),
  );
  return flagged.length / distinctQueries.length;
}

/** The board of a request: GitHub owner of its source, lower-cased. */
export function boardOf(source: string): string {
  const url = new URL(source);
  const owner = url.hostname === 'github.com' ? url.pathname.split('/')[1] : undefined;
  return (owner || url.hostname).toLowerCase();
}

/** Reads `requests.jsonl` and `pairs.jsonl` from `dir`; see parseDuplicateSet for what is checked. */
export function loadDuplicateSet(dir: string): DuplicateSet {
  const requestsFile = join(dir, 'requests.jsonl');
  const pairsFile = join(dir, 'pairs.jsonl');
  return parseDuplicateSet(
    { name: requestsFile, text: readFileSync(requestsFile, 'utf8') },
    { name: pairsFile, text: readFileSync(pairsFile, 'utf8') },
  );
}

export interface NamedText {
  readonly name: string;
  readonly text: string;
}

/** Thrown for the first bad line; the message starts with `file:line`. */
export class DuplicateSetError extends Error {
  constructor(file: string, line: number, problem: string) {
    super(`${file}:${line}: ${problem}`);
    this.name = 'DuplicateSetError';
  }
}

const MAX_DESCRIPTION_LENGTH = 2000;
const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Validates every line: JSON objects with exactly the known fields, unique ids, https sources,
 * descriptions of at most 2,000 characters, pairs that name existing requests, and distinct queries
 * that appear in no pair.
 */
export function parseDuplicateSet(requestsFile: NamedText, pairsFile: NamedText): DuplicateSet {
  const requests: LabelledRequest[] = [];
  const ids = new Set<string>();
  for (const { fields, fail } of jsonLines(requestsFile)) {
    onlyKeys(fields, ['id', 'title', 'description', 'source'], fail);
    const id = requiredText(fields, 'id', fail);
    if (!ID_PATTERN.test(id)) fail(`id "${id}" must be lower-case letters, digits and dashes`);
    if (ids.has(id)) fail(`id "${id}" appears twice`);
    const description = requiredText(fields, 'description', fail);
    if (description.length > MAX_DESCRIPTION_LENGTH) fail(`description of "${id}" is longer than ${MAX_DESCRIPTION_LENGTH} characters`);
    const source = httpsUrl(fields, 'source', fail);
    ids.add(id);
    requests.push({ id, title: requiredText(fields, 'title', fail), description, source, board: boardOf(source) });
  }

  const duplicatePairs: DuplicatePair[] = [];
  const distinctLines = new Map<string, (problem: string) => never>();
  for (const { fields, fail } of jsonLines(pairsFile)) {
    const query = requiredText(fields, 'query', fail);
    if (!ids.has(query)) fail(`query "${query}" is not in ${requestsFile.name}`);
    if ('distinct' in fields) {
      onlyKeys(fields, ['query', 'distinct'], fail);
      if (fields['distinct'] !== true) fail('"distinct" must be true');
      if (distinctLines.has(query)) fail(`distinct query "${query}" appears twice`);
      distinctLines.set(query, fail);
      continue;
    }
    onlyKeys(fields, ['query', 'duplicate_of', 'evidence', 'via'], fail);
    const duplicateOf = requiredText(fields, 'duplicate_of', fail);
    if (!ids.has(duplicateOf)) fail(`duplicate_of "${duplicateOf}" is not in ${requestsFile.name}`);
    if (duplicateOf === query) fail(`"${query}" cannot be a duplicate of itself`);
    const evidence = httpsUrl(fields, 'evidence', fail);
    const via = 'via' in fields ? httpsUrl(fields, 'via', fail) : undefined;
    duplicatePairs.push({ query, duplicateOf, evidence, ...(via === undefined ? {} : { via }) });
  }

  const paired = new Set(duplicatePairs.flatMap((pair) => [pair.query, pair.duplicateOf]));
  for (const [query, fail] of distinctLines) {
    if (paired.has(query)) fail(`"${query}" is marked distinct but is part of a duplicate pair`);
  }
  return { requests, duplicatePairs, distinctQueries: [...distinctLines.keys()] };
}

interface JsonLine {
  readonly fields: Record<string, unknown>;
  readonly fail: (problem: string) => never;
}

function* jsonLines(file: NamedText): Generator<JsonLine> {
  const lines = file.text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index]?.trim() ?? '';
    // A trailing newline leaves one empty line; blank lines carry nothing, so they are skipped.
    if (text === '') continue;
    const line = index + 1;
    const fail = (problem: string): never => {
      throw new DuplicateSetError(file.name, line, problem);
    };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      fail(`not valid JSON (${(error as Error).message})`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) fail('expected a JSON object');
    yield { fields: parsed as Record<string, unknown>, fail };
  }
}

// Unknown fields are refused so that a misspelt "duplicate_of" cannot silently turn a pair into nothing.
function onlyKeys(fields: Record<string, unknown>, allowed: readonly string[], fail: (problem: string) => never): void {
  const unknown = Object.keys(fields).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) fail(`unknown field(s) ${unknown.join(', ')}; allowed: ${allowed.join(', ')}`);
}

function requiredText(fields: Record<string, unknown>, key: string, fail: (problem: string) => never): string {
  const value = fields[key];
  if (typeof value !== 'string' || value.trim() === '') return fail(`"${key}" must be a non-empty string`);
  return value;
}

function httpsUrl(fields: Record<string, unknown>, key: string, fail: (problem: string) => never): string {
  const value = requiredText(fields, key, fail);
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:') fail(`"${key}" must be an https URL, got "${value}"`);
  return value;
}

function withoutQuery(ranked: readonly ScoredCandidate[] | undefined, query: string): readonly ScoredCandidate[] {
  return (ranked ?? []).filter((candidate) => candidate.id !== query);
}

/** For every id in a pair, the other ids connected to it through pairs. */
function duplicateClusters(pairs: readonly DuplicatePair[]): Map<string, Set<string>> {
  const neighbours = new Map<string, Set<string>>();
  const link = (from: string, to: string): void => {
    neighbours.set(from, (neighbours.get(from) ?? new Set<string>()).add(to));
  };
  for (const pair of pairs) {
    link(pair.query, pair.duplicateOf);
    link(pair.duplicateOf, pair.query);
  }
  const clusters = new Map<string, Set<string>>();
  for (const start of neighbours.keys()) {
    if (clusters.has(start)) continue;
    const members = new Set<string>([start]);
    const toVisit = [start];
    for (let next = toVisit.pop(); next !== undefined; next = toVisit.pop()) {
      for (const neighbour of neighbours.get(next) ?? []) {
        if (!members.has(neighbour)) {
          members.add(neighbour);
          toVisit.push(neighbour);
        }
      }
    }
    for (const member of members) clusters.set(member, new Set([...members].filter((other) => other !== member)));
  }
  return clusters;
}
