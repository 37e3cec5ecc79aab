/**
 * `npm run eval:duplicates`: FindSimilarRequests over the labelled set in data/duplicates (real
 * requests from public trackers; see its LICENSE.md). Each board (one product family) gets a fresh
 * triage service on embedded PGlite, fed by FeatureRequestSubmitted events as intake appends them;
 * once its requests are projected and embedded, every query of the board is asked through gRPC, as
 * the web board asks while a person types, and ranked by the service's own code.
 *
 * Prints recall@1 and recall@5 over the duplicate queries and the false-duplicate rate over the
 * distinct ones at the likely-duplicate threshold, as one JSON line on stdout (progress on stderr).
 * FRM_EVAL_MODEL_DIR evaluates another copy of the model; FRM_EVAL_LEXICAL=1 the lexical mode.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { v5 as uuidv5 } from 'uuid';
import { startProgress } from '@frm/bench';
import type { CallerClaims } from '@frm/caller';
import { frmEventsV1, timestampFromDate, toEventJson } from '@frm/contracts';
import { eventIdFor, openPostgresEventStore, type JsonObject } from '@frm/event-store';
import { createLogger } from '@frm/logging';
import { openPgliteDatabase, type SqlDatabase } from '@frm/postgres';
import { startTriageService, TextModel } from '../src';
import { LIKELY_DUPLICATE_THRESHOLD } from '../src/similarity/likely-duplicate';
import { DEFAULT_SIMILARITY_TUNING } from '../src/similarity/similar-request-finder';
import { TriageClient } from '../test/support/triage-client';
import { falseDuplicateRate, loadDuplicateSet, recallAtK, type LabelledRequest, type RankedResults, type ScoredCandidate } from './duplicate-eval';

const DATA = join(__dirname, '..', 'data', 'duplicates');
const ID_NAMESPACE = '0b7e4f1c-2a9d-4c6e-8f3b-6d5a1e9c7b24';
// Every result the metrics look at, plus the query itself, which finds itself first.
const LIMIT = 6;
const ASKER: CallerClaims = { subject: randomUUID(), roles: ['couple'] };
const log = (text: string) => process.stderr.write(`${text}\n`);

async function main(): Promise<void> {
  const set = loadDuplicateSet(DATA);
  const logger = createLogger({ service: 'eval-duplicates', level: 'warn' });
  const textModel =
    process.env['FRM_EVAL_LEXICAL'] === '1'
      ? TextModel.of(undefined, 'FRM_EVAL_LEXICAL=1')
      : await TextModel.load({ logger, ...(process.env['FRM_EVAL_MODEL_DIR'] ? { modelDirectory: process.env['FRM_EVAL_MODEL_DIR'] } : {}) });
  const db = await openPgliteDatabase();
  const started = performance.now();
  const boards = [...new Set(set.requests.map((request) => request.board))].sort();
  const queries = new Set([...set.duplicatePairs.map((pair) => pair.query), ...set.distinctQueries]);
  const results = new Map<string, ScoredCandidate[]>();
  const modes = new Map<string, number>();
  const progress = startProgress('requests embedded and asked', set.requests.length + queries.size);
  try {
    for (const board of boards) {
      const requests = set.requests.filter((request) => request.board === board);
      const asked = await evaluateBoard(db, board, requests, queries, textModel, logger, modes, () => progress.increment());
      for (const [query, ranked] of asked) results.set(query, ranked);
    }
  } finally {
    progress.stop();
    textModel.close();
    await db.close();
  }
  const ranked: RankedResults = results;
  const threshold = LIKELY_DUPLICATE_THRESHOLD;
  log('threshold  false-duplicate rate  duplicates flagged');
  for (let t = 0.1; t <= 0.6001; t += 0.025) {
    log(`${t.toFixed(3).padStart(9)}  ${falseDuplicateRate(ranked, set.distinctQueries, t).toFixed(3).padStart(20)}  ${flaggedShare(ranked, set.duplicatePairs, t).toFixed(3).padStart(18)}`);
  }
  process.stdout.write(
    `${JSON.stringify({
      metric: 'duplicates.eval',
      mode: textModel.mode,
      recallAt1: round(recallAtK(ranked, set.duplicatePairs, 1)),
      recallAt5: round(recallAtK(ranked, set.duplicatePairs, 5)),
      falseDuplicateRate: round(falseDuplicateRate(ranked, set.distinctQueries, threshold)),
      threshold,
      // Duplicate queries whose best match is a labelled duplicate at or above the threshold: what a mark catches.
      duplicatesFlagged: round(flaggedShare(ranked, set.duplicatePairs, threshold)),
      targets: { recallAt1: 0.7, recallAt5: 0.9, falseDuplicateRate: 0.05 },
      requests: set.requests.length,
      duplicateQueries: new Set(set.duplicatePairs.map((pair) => pair.query)).size,
      distinctQueries: set.distinctQueries.length,
      // Every answer should be hybrid here (the budget is lifted); a lexical one would mean the model failed.
      answers: Object.fromEntries(modes),
      boards: boards.length,
      seconds: round((performance.now() - started) / 1000, 1),
    })}\n`,
  );
}

/** One board: a fresh event store and read model, its requests submitted, its queries asked. */
async function evaluateBoard(
  db: SqlDatabase,
  board: string,
  requests: readonly LabelledRequest[],
  queries: ReadonlySet<string>,
  textModel: TextModel,
  logger: ReturnType<typeof createLogger>,
  modes: Map<string, number>,
  tick: () => void,
): Promise<Map<string, ScoredCandidate[]>> {
  const schema = `eval_${board.replace(/[^a-z0-9]/g, '_')}`;
  const store = await openPostgresEventStore(db, { schema: `${schema}_events` });
  const idOf = (request: LabelledRequest) => uuidv5(request.id, ID_NAMESPACE);
  const labelOf = new Map(requests.map((request) => [idOf(request), request.id]));
  for (const request of requests) {
    const featureRequestId = idOf(request);
    const event = frmEventsV1.FeatureRequestSubmitted.fromPartial({
      featureRequestId,
      occurredAt: timestampFromDate(new Date()),
      authorId: randomUUID(),
      title: request.title,
      description: request.description,
      category: 'other',
    });
    await store.appendToStream(
      `feature-request-${featureRequestId}`,
      [{ id: eventIdFor(featureRequestId, 0), type: frmEventsV1.FeatureRequestSubmitted.$type, data: toEventJson(frmEventsV1.FeatureRequestSubmitted, event) as JsonObject }],
      { expectedRevision: 'no_stream' },
    );
  }
  const service = await startTriageService({
    db,
    logger,
    port: 0,
    eventStoreSchema: `${schema}_events`,
    readModelSchema: `${schema}_read`,
    derivedSchema: `${schema}_derived`,
    textModel,
    // This measures the ranking, not the speed (bench:triage does): no search answers by wording alone for want of time.
    similarity: { ...DEFAULT_SIMILARITY_TUNING, queryEmbeddingBudgetMs: Number.POSITIVE_INFINITY },
  });
  const client = new TriageClient(service.address);
  const results = new Map<string, ScoredCandidate[]>();
  try {
    await waitForEmbeddings(service, requests.length, tick);
    for (const request of requests.filter((candidate) => queries.has(candidate.id))) {
      const { similar, mode } = await client.call('findSimilarRequests', { title: request.title, description: request.description, limit: LIMIT }, ASKER);
      modes.set(mode, (modes.get(mode) ?? 0) + 1);
      results.set(
        request.id,
        similar.map((match) => ({ id: labelOf.get(match.featureRequestId) ?? match.featureRequestId, score: match.score })),
      );
      tick();
    }
  } finally {
    client.close();
    await service.close();
    await store.close();
  }
  if (results.size === 0) log(`board ${board}: no queries`);
  return results;
}

async function waitForEmbeddings(service: Awaited<ReturnType<typeof startTriageService>>, requests: number, tick: () => void): Promise<void> {
  let seen = 0;
  const timer = setInterval(() => {
    const embedded = service.readModel.embeddings?.embedded ?? requests;
    for (; seen < Math.min(embedded, requests); seen++) tick();
  }, 250);
  try {
    await service.settled();
  } finally {
    clearInterval(timer);
  }
  for (; seen < requests; seen++) tick();
}

/** Share of duplicate queries whose first result is a labelled duplicate scoring at least `threshold`. */
function flaggedShare(results: RankedResults, pairs: Parameters<typeof recallAtK>[1], threshold: number): number {
  const above = new Map([...results].map(([query, ranked]) => [query, ranked.filter((candidate) => candidate.id !== query && candidate.score >= threshold)]));
  return recallAtK(above, pairs, 1);
}

function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
