import { join } from 'node:path';
import {
  DuplicateSetError,
  boardOf,
  falseDuplicateRate,
  loadDuplicateSet,
  parseDuplicateSet,
  recallAtK,
  type DuplicatePair,
  type RankedResults,
} from './duplicate-eval';

const pair = (query: string, duplicateOf: string): DuplicatePair => ({ query, duplicateOf, evidence: `https://example.org/${query}` });
const ranked = (...candidates: [string, number][]) => candidates.map(([id, score]) => ({ id, score }));

describe('recallAtK', () => {
  // a and c were both closed as duplicates of b, so a, b and c are one cluster; d duplicates e.
  const pairs = [pair('a', 'b'), pair('c', 'b'), pair('d', 'e')];
  const results: RankedResults = new Map([
    ['a', ranked(['a', 1], ['x', 0.9], ['b', 0.8])],
    ['c', ranked(['a', 0.7], ['y', 0.6])],
    ['d', ranked(['z', 0.9])],
  ]);

  it('counts a query found when a labelled duplicate is among its first k results, the query itself left out', () => {
    expect(recallAtK(results, pairs, 1)).toBeCloseTo(1 / 3);
    expect(recallAtK(results, pairs, 2)).toBeCloseTo(2 / 3);
    expect(recallAtK(results, pairs, 5)).toBeCloseTo(2 / 3);
  });

  it('counts a query with no results as not found, and each query once however many pairs it has', () => {
    expect(recallAtK(new Map(), pairs, 5)).toBe(0);
    expect(recallAtK(new Map([['a', ranked(['b', 0.9])]]), [pair('a', 'b'), pair('a', 'f')], 1)).toBe(1);
  });

  it('refuses a k below one and an empty set of pairs', () => {
    expect(() => recallAtK(results, pairs, 0)).toThrow(RangeError);
    expect(() => recallAtK(results, [], 1)).toThrow(RangeError);
  });
});

describe('falseDuplicateRate', () => {
  const results: RankedResults = new Map([
    ['p', ranked(['p', 1], ['q', 0.65])],
    ['q', ranked(['r', 0.5])],
    ['s', ranked(['t', 0.6])],
  ]);

  it('is the share of distinct queries whose best other match reaches the threshold', () => {
    expect(falseDuplicateRate(results, ['p', 'q', 'u'], 0.6)).toBeCloseTo(1 / 3);
    expect(falseDuplicateRate(results, ['p', 'q', 's', 'u'], 0.6)).toBe(0.5);
    expect(falseDuplicateRate(results, ['p', 'q'], 0.7)).toBe(0);
  });

  it('refuses an empty list of distinct queries', () => {
    expect(() => falseDuplicateRate(results, [], 0.6)).toThrow(RangeError);
  });
});

describe('boardOf', () => {
  it('is the GitHub owner, lower-cased', () => {
    expect(boardOf('https://github.com/Etar-Group/Etar-Calendar/issues/62')).toBe('etar-group');
    expect(boardOf('https://feedback.example.com/p/123')).toBe('feedback.example.com');
  });
});

describe('parseDuplicateSet', () => {
  const request = (id: string, source = `https://github.com/acme/app/issues/${id.length}`) =>
    JSON.stringify({ id, title: `Title ${id}`, description: 'Please add it.', source });
  const requests = (...lines: string[]) => ({ name: 'requests.jsonl', text: `${lines.join('\n')}\n` });
  const pairs = (...lines: string[]) => ({ name: 'pairs.jsonl', text: `${lines.join('\n')}\n` });
  const twoRequests = requests(request('a'), request('bb'));

  it('reads requests, duplicate pairs and distinct queries', () => {
    const evidence = 'https://github.com/acme/app/issues/1';
    const via = 'https://github.com/acme/app/issues/9';
    const set = parseDuplicateSet(
      requests(request('a'), request('bb'), request('ccc')),
      pairs(JSON.stringify({ query: 'a', duplicate_of: 'bb', evidence, via }), JSON.stringify({ query: 'ccc', distinct: true })),
    );
    expect(set.requests.map((r) => [r.id, r.board])).toEqual([['a', 'acme'], ['bb', 'acme'], ['ccc', 'acme']]);
    expect(set.duplicatePairs).toEqual([{ query: 'a', duplicateOf: 'bb', evidence, via }]);
    expect(set.distinctQueries).toEqual(['ccc']);
  });

  const distinctA = JSON.stringify({ query: 'a', distinct: true });
  const misspelt = JSON.stringify({ query: 'a', duplicateof: 'bb', evidence: 'https://x.org' });
  const toUnknown = JSON.stringify({ query: 'bb', duplicate_of: 'zz', evidence: 'https://x.org' });
  const toA = JSON.stringify({ query: 'bb', duplicate_of: 'a', evidence: 'https://x.org' });

  it.each([
    ['a line that is not JSON', requests(request('a'), '{"id": "bb",'), pairs(), 'requests.jsonl:2: not valid JSON'],
    ['a repeated id', requests(request('a'), request('a')), pairs(), 'requests.jsonl:2: id "a" appears twice'],
    ['a plain-http source', requests(request('a', 'http://x.org/1')), pairs(), 'requests.jsonl:1: "source" must be an https URL'],
    ['a misspelt field', twoRequests, pairs(misspelt), 'pairs.jsonl:1: unknown field(s) duplicateof'],
    ['an unknown duplicate', twoRequests, pairs(distinctA, toUnknown), 'pairs.jsonl:2: duplicate_of "zz" is not in requests.jsonl'],
    ['a distinct query that has a duplicate', twoRequests, pairs(distinctA, toA), 'pairs.jsonl:1: "a" is marked distinct'],
  ])('names the file and line of %s', (_case, requestsFile, pairsFile, message) => {
    expect(() => parseDuplicateSet(requestsFile, pairsFile)).toThrow(DuplicateSetError);
    expect(() => parseDuplicateSet(requestsFile, pairsFile)).toThrow(message);
  });

  it('refuses a description longer than 2,000 characters', () => {
    const long = JSON.stringify({ id: 'a', title: 't', description: 'x'.repeat(2001), source: 'https://github.com/acme/app/issues/1' });
    expect(() => parseDuplicateSet(requests(long), pairs())).toThrow('requests.jsonl:1: description of "a" is longer than 2000 characters');
  });
});

describe('the labelled set in data/duplicates', () => {
  const set = loadDuplicateSet(join(__dirname, '..', 'data', 'duplicates'));
  const byId = new Map(set.requests.map((request) => [request.id, request]));

  it('holds at least 400 requests, 80 duplicate pairs and 80 distinct queries', () => {
    expect(set.requests.length).toBeGreaterThanOrEqual(400);
    expect(set.duplicatePairs.length).toBeGreaterThanOrEqual(80);
    expect(set.distinctQueries.length).toBeGreaterThanOrEqual(80);
  });

  it('refers only to requests it contains, each quoted from an https address', () => {
    const referenced = [...set.duplicatePairs.flatMap((p) => [p.query, p.duplicateOf]), ...set.distinctQueries];
    expect(referenced.filter((id) => !byId.has(id))).toEqual([]);
    expect(set.requests.filter((r) => new URL(r.source).protocol !== 'https:')).toEqual([]);
    expect(set.duplicatePairs.filter((p) => !p.evidence.startsWith('https://'))).toEqual([]);
  });

  it('pairs requests of one board, and asks distinct queries only on boards with distractors to choose from', () => {
    const boardSizes = new Map<string, number>();
    for (const request of set.requests) boardSizes.set(request.board, (boardSizes.get(request.board) ?? 0) + 1);
    expect(set.duplicatePairs.filter((p) => byId.get(p.query)?.board !== byId.get(p.duplicateOf)?.board)).toEqual([]);
    expect(set.distinctQueries.filter((id) => (boardSizes.get(byId.get(id)?.board ?? '') ?? 0) < 8)).toEqual([]);
  });
});
