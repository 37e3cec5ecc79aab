import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { status } from '@grpc/grpc-js';
import type { CallerClaims } from '@frm/caller';
import { openPostgresEventStore, type EventStore } from '@frm/event-store';
import { createLogger } from '@frm/logging';
import { quoteIdent, type SqlDatabase } from '@frm/postgres';
import { testPglite, testPostgres } from '@frm/testing';
import { LIKELY_DUPLICATE_THRESHOLD, SEMANTIC_SEARCH_HEALTH, startTriageService, TextModel, type RunningTriageService, type TriageServiceOptions } from '../src';
import { DEFAULT_SIMILARITY_TUNING } from '../src/similarity/similar-request-finder';
import { checkHealth } from './support/health-client';
import { History } from './support/history';
import { TriageClient } from './support/triage-client';

const DAY = 86_400_000;
const JUNE = Date.UTC(2026, 5, 1, 12);
const couple: CallerClaims = { subject: randomUUID(), roles: ['couple'] };
const product: CallerClaims = { subject: randomUUID(), roles: ['product'] };
const silent = createLogger({ service: 'triage-test', level: 'silent' });

const GALLERY = {
  title: 'Let guests upload photos to the wedding gallery',
  description: 'Guests should be able to add the photos they took to the couple’s wedding gallery from their phones.',
};
const GALLERY_AGAIN = {
  title: 'Guests uploading photos to our wedding gallery',
  description: 'Let our guests add the photos they took at the wedding to our gallery from their phones.',
};
const INVOICES = { title: 'Export invoices as PDF', description: 'Suppliers need a PDF of every invoice for their accountant.' };

interface Engine {
  readonly db: SqlDatabase;
  readonly prefix: string;
  cleanup(): Promise<void>;
}

const engines: [string, () => Promise<Engine>][] = [
  [
    'Postgres',
    async () => {
      const postgres = await testPostgres({ prefix: 'triage' });
      return { db: postgres.db, prefix: postgres.schema, cleanup: () => postgres.cleanup() };
    },
  ],
  [
    'PGlite',
    async () => {
      const pglite = await testPglite();
      return { db: pglite.db, prefix: 'triage', cleanup: () => pglite.cleanup() };
    },
  ],
];

/** A history of its own (event store schema) and a triage service reading it, on fresh schemas. */
interface Stack {
  readonly store: EventStore;
  readonly history: History;
  readonly service: RunningTriageService;
  readonly client: TriageClient;
  readonly schemas: { readonly events: string; readonly read: string; readonly derived: string };
}

describe.each(engines)('triage service on %s', (_engine, open) => {
  let engine: Engine;
  let textModel: TextModel;
  const schemas: string[] = [];
  const closers: (() => Promise<void>)[] = [];

  /** A service on new schemas (or on the ones given: another read model of the same history). */
  const startStack = async (options: Partial<TriageServiceOptions> & { store?: EventStore; events?: string } = {}): Promise<Stack> => {
    const name = `${engine.prefix}_${randomUUID().slice(0, 8)}`;
    const events = options.events ?? `${name}_events`;
    const read = options.readModelSchema ?? `${name}_read`;
    const derived = options.derivedSchema ?? `${name}_derived`;
    schemas.push(events, read, derived);
    const store = options.store ?? (await openPostgresEventStore(engine.db, { schema: events }));
    const service = await startTriageService({
      db: engine.db,
      logger: silent,
      port: 0,
      textModel,
      // Answers' modes are asserted here: a busy machine must not turn one into a wording-only answer
      // for want of time (the budget has its own tests and bench:triage measures it).
      similarity: { ...DEFAULT_SIMILARITY_TUNING, queryEmbeddingBudgetMs: 30_000 },
      ...options,
      eventStoreSchema: events,
      readModelSchema: read,
      derivedSchema: derived,
    });
    const client = new TriageClient(service.address);
    closers.push(async () => {
      client.close();
      await service.close();
      if (!options.store) await store.close();
    });
    return { store, history: new History(store), service, client, schemas: { events, read, derived } };
  };

  beforeAll(async () => {
    engine = await open();
    textModel = await TextModel.load({ logger: silent });
  });

  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    textModel?.close();
    for (const schema of new Set(schemas)) await engine?.db.exec(`drop schema if exists ${quoteIdent(schema)} cascade`).catch(() => undefined);
    await engine?.cleanup();
  });

  it('refuses bad input with INVALID_ARGUMENT or NOT_FOUND, naming the field', async () => {
    const { client } = await startStack();
    const refusal = async (failure: Promise<{ code: number; details: string }>) => {
      const { code, details } = await failure;
      return { code, details };
    };
    expect(await refusal(client.failure('findSimilarRequests', { title: '  ' }, couple))).toEqual({
      code: status.INVALID_ARGUMENT,
      details: 'title: must not be empty; give 1 to 140 characters',
    });
    expect(await refusal(client.failure('findSimilarRequests', { title: 'x'.repeat(141), description: 'y'.repeat(10_001) }, couple))).toEqual({
      code: status.INVALID_ARGUMENT,
      details: 'title: must be 1 to 140 characters, got 141; description: must be at most 10,000 characters, got 10001',
    });
    expect(await refusal(client.failure('findSimilarRequests', { title: 'Dark mode', limit: 51 }, couple))).toMatchObject({ code: status.INVALID_ARGUMENT, details: expect.stringMatching(/^limit: /) });
    expect(await refusal(client.failure('suggestCategory', { title: '' }, couple))).toMatchObject({ code: status.INVALID_ARGUMENT, details: expect.stringMatching(/^title: /) });
    expect(await refusal(client.failure('getPriority', { featureRequestId: 'not-an-id' }, couple))).toEqual({ code: status.INVALID_ARGUMENT, details: 'feature_request_id: must be a UUID' });
    expect((await client.failure('getPriority', { featureRequestId: randomUUID() }, couple)).code).toBe(status.NOT_FOUND);
    expect(await refusal(client.failure('listRankedRequests', { pageSize: 101 }, couple))).toMatchObject({ code: status.INVALID_ARGUMENT, details: expect.stringMatching(/^page_size: /) });
    expect(await refusal(client.failure('listRankedRequests', { pageToken: 'forged' }, couple))).toMatchObject({ code: status.INVALID_ARGUMENT, details: expect.stringMatching(/^page_token: /) });
  });

  it('takes RICE inputs from product and admin only, each value in its range, and scores them', async () => {
    const { client, history } = await startStack();
    const featureRequestId = await history.submit(INVOICES);
    const rice = { featureRequestId, reach: 400, impact: 2, confidence: 80, effort: 4 };
    expect((await client.failure('setRiceInputs', rice, couple)).code).toBe(status.PERMISSION_DENIED);
    const outOfRange = await client.failure('setRiceInputs', { ...rice, reach: -1, impact: 5, confidence: 120, effort: 0 }, product);
    expect(outOfRange.code).toBe(status.INVALID_ARGUMENT);
    for (const field of ['reach', 'impact', 'confidence', 'effort']) expect(outOfRange.details).toContain(`${field}: must`);
    expect(outOfRange.metadata.get('frm-field')).toEqual(['reach, impact, confidence, effort']);
    expect((await client.failure('setRiceInputs', { ...rice, featureRequestId: randomUUID() }, product)).code).toBe(status.NOT_FOUND);

    const requestId = randomUUID();
    const priority = await client.call('setRiceInputs', { ...rice, requestId }, product);
    const riceComponent = priority.components.find((component) => component.name === 'rice');
    expect(riceComponent).toMatchObject({ rawValue: (400 * 2 * 0.8) / 4, weight: 1, contribution: Math.log2(1 + 160) });
    expect(riceComponent?.explanation).toBe("Product's RICE estimate: reach 400 × impact 2 × confidence 80% ÷ effort 4 person-months = 160.");
    // A retry of the same command changes nothing; an admin may set them too.
    expect(await client.call('setRiceInputs', { ...rice, requestId }, product)).toEqual(priority);
    await client.call('setRiceInputs', { ...rice, reach: 100 }, { subject: randomUUID(), roles: ['admin'] });
    expect((await client.call('getPriority', { featureRequestId }, couple)).components.find((c) => c.name === 'rice')?.rawValue).toBe(40);
  });

  it('explains a priority by trusted votes, trend, reach, RICE and wedding-season urgency, at event time', async () => {
    const { client, history, service } = await startStack();
    const featureRequestId = await history.submit({ ...GALLERY, at: new Date(JUNE) });
    const quiet = await history.submit({ ...INVOICES, at: new Date(JUNE) });
    const photographer = { id: randomUUID(), supplierType: 'photographer' };
    const venue = { id: randomUUID(), supplierType: 'venue', weight: 0.5 };
    const bride = { id: randomUUID() };
    const sockpuppet = { id: randomUUID() };
    await history.vote(featureRequestId, photographer, new Date(JUNE));
    const held = await history.vote(featureRequestId, sockpuppet, new Date(JUNE + DAY));
    await history.vote(featureRequestId, venue, new Date(JUNE + 7 * DAY));
    await history.vote(featureRequestId, bride, new Date(JUNE + 7 * DAY));
    // Fraud detection holds one back: it no longer counts, in the tally or the trend.
    await history.flag(featureRequestId, held, sockpuppet, new Date(JUNE + 7 * DAY));
    await history.rice(featureRequestId, { reach: 100, impact: 1, confidence: 50, effort: 2, affectsWeddingDayOperations: true }, new Date(JUNE + 7 * DAY));
    await service.settled();

    const priority = await client.call('getPriority', { featureRequestId }, couple);
    expect(priority.asOf).toEqual({ seconds: String((JUNE + 7 * DAY) / 1000), nanos: 0 });
    const byName = Object.fromEntries(priority.components.map((component) => [component.name, component]));
    expect(priority.components.map((component) => component.name)).toEqual(['trusted-votes', 'trend', 'supplier-reach', 'couple-reach', 'rice', 'wedding-season-urgency']);
    expect(byName['trusted-votes']).toMatchObject({ rawValue: 2.5, explanation: "3 counted votes weigh 2.5 once each voter's fraud risk is applied." });
    // A week-old vote counts half, the two of today count whole: exactly 2.5.
    expect(byName['trend']).toMatchObject({ rawValue: 2.5, weight: 2, explanation: 'Recent interest: its votes add up to 2.5 when each counts half as much every 7 days.' });
    expect(byName['supplier-reach']).toMatchObject({ rawValue: 2, explanation: 'Wanted by suppliers of 2 different types.' });
    expect(byName['couple-reach']).toMatchObject({ rawValue: 1, explanation: 'Wanted by 1 couple.' });
    expect(byName['rice']?.rawValue).toBe(25);
    const subtotal = ['trusted-votes', 'trend', 'supplier-reach', 'couple-reach', 'rice'].reduce((sum, name) => sum + (byName[name]?.contribution ?? 0), 0);
    expect(byName['wedding-season-urgency']).toMatchObject({ rawValue: 1, weight: 0.4 });
    expect(byName['wedding-season-urgency']?.contribution).toBeCloseTo(subtotal * 0.4, 12);
    expect(priority.score).toBeCloseTo(subtotal * 1.4, 12);

    const ranked = await client.call('listRankedRequests', { pageSize: 1 }, couple);
    expect(ranked.requests).toEqual([expect.objectContaining({ featureRequestId, score: priority.score, voteCount: '3', trustedVoteWeight: 2.5 })]);
    const next = await client.call('listRankedRequests', { pageSize: 1, pageToken: ranked.nextPageToken }, couple);
    expect(next.requests.map((request) => request.featureRequestId)).toEqual([quiet]);
    expect(next.nextPageToken).toBe('');
  });

  it('reads the wedding season on each voter\'s own clock: at 23:30 UTC on 30 April, Auckland is already in May, New York still in April', async () => {
    const { client, history, service } = await startStack();
    const lateApril = Date.UTC(2026, 3, 30, 23, 30);
    const featureRequestId = await history.submit({ ...GALLERY, at: new Date(lateApril - DAY) });
    await history.vote(featureRequestId, { id: randomUUID(), timeZone: 'Pacific/Auckland' }, new Date(lateApril - DAY));
    await history.vote(featureRequestId, { id: randomUUID(), timeZone: 'America/New_York', weight: 0.5 }, new Date(lateApril - DAY));
    await history.vote(featureRequestId, { id: randomUUID(), timeZone: 'Pacific/Auckland', weight: 0.5 }, new Date(lateApril - DAY));
    await history.rice(featureRequestId, { reach: 10, impact: 1, confidence: 50, effort: 1, affectsWeddingDayOperations: true }, new Date(lateApril));
    await service.settled();
    const urgency = (await client.call('getPriority', { featureRequestId }, couple)).components.find((component) => component.name === 'wedding-season-urgency');
    // 1.5 of the 2 trusted weight is cast from Auckland, where it is already May.
    expect(urgency?.rawValue).toBe(0.75);
  });

  it('finds similar requests while a person types, and marks a submitted duplicate of an earlier request', async () => {
    const { client, history, service } = await startStack();
    const original = await history.submit(GALLERY);
    const unrelated = await history.submit(INVOICES);
    const again = await history.submit(GALLERY_AGAIN);
    await service.settled();

    const typed = await client.call('findSimilarRequests', { title: 'Guests sharing their photos in a gallery' }, couple);
    expect(typed.mode).toBe('SIMILARITY_MODE_HYBRID');
    expect(typed.similar.slice(0, 2).map((match) => match.featureRequestId).sort()).toEqual([original, again].sort());
    expect(typed.similar[0]?.reason).toMatch(/same words: .*photos/);

    const duplicate = await client.call('getPriority', { featureRequestId: again }, couple);
    expect(duplicate.possibleDuplicateOf).toBe(original);
    expect(duplicate.duplicateScore).toBeGreaterThanOrEqual(LIKELY_DUPLICATE_THRESHOLD);
    // Only an earlier request can be the one repeated; and an unrelated one is nobody's duplicate.
    expect((await client.call('getPriority', { featureRequestId: original }, couple)).possibleDuplicateOf).toBe('');
    expect((await client.call('getPriority', { featureRequestId: unrelated }, couple)).possibleDuplicateOf).toBe('');
    const found = await client.call('findSimilarRequests', GALLERY_AGAIN, couple);
    expect(found.similar[0]).toMatchObject({ featureRequestId: again, likelyDuplicate: true });
    expect(found.similar[1]).toMatchObject({ featureRequestId: original, score: duplicate.duplicateScore, likelyDuplicate: true });

    const suggestion = await client.call('suggestCategory', { title: 'Pay the deposit by card' }, couple);
    expect(suggestion).toMatchObject({ category: 'payments', method: 'keywords' });
  });

  it('forgets what an erased author wrote: their text, its vectors, and it is found no more', async () => {
    const { client, history, service, schemas } = await startStack();
    const author = randomUUID();
    const featureRequestId = await history.submit({ ...GALLERY, authorId: author });
    await history.submit(INVOICES);
    await service.settled();
    expect((await client.call('findSimilarRequests', GALLERY, couple)).similar[0]?.featureRequestId).toBe(featureRequestId);
    const vectors = () => engine.db.query<{ n: string }>(`select count(*)::text as n from ${quoteIdent(schemas.derived)}.vectors`);
    expect(await vectors()).toEqual([{ n: '2' }]);

    await history.erase(author);
    await service.settled();
    expect((await client.call('findSimilarRequests', GALLERY, couple)).similar.map((match) => match.featureRequestId)).not.toContain(featureRequestId);
    expect((await client.call('listRankedRequests', {}, couple)).requests.find((request) => request.featureRequestId === featureRequestId)?.title).toBe('[erased]');
    expect(await vectors()).toEqual([{ n: '1' }]);
  });

  it('suggests the category people chose for requests like the one typed, once there are enough of them', async () => {
    const { client, history, service } = await startStack();
    const topics: Record<string, string[]> = {
      payments: ['Pay the venue deposit in instalments', 'Refund a cancelled booking to the card', 'Split the final payment between two cards', 'Pay suppliers in euros and pounds'],
      'guest-management': ['Import the guest list from a spreadsheet', 'Track RSVPs and dietary needs', 'Send invitations to every guest by e-mail', 'Group guests by family for the seating plan'],
      'mobile-app': ['Use the planner offline on my phone', 'An Android app for suppliers', 'Reply to enquiries from the iPhone app', 'Push notifications on the mobile app'],
    };
    for (const [category, titles] of Object.entries(topics)) {
      for (const [i, title] of [...titles, ...titles].entries()) await history.submit({ title: i < titles.length ? title : `${title} please`, category, tags: [category === 'payments' ? 'deposit' : 'rsvp'] });
    }
    await service.settled();
    const suggestion = await client.call('suggestCategory', { title: 'Pay the photographer by card' }, couple);
    expect(suggestion).toMatchObject({ category: 'payments', method: 'nearest-centroid' });
    expect(suggestion.confidence).toBeGreaterThan(0.5);
    expect(suggestion.alternatives.map((alternative) => alternative.category).sort()).toEqual(['guest-management', 'mobile-app']);
  });

  it('rebuilt from position 0, gives the same scores and duplicate marks to the last digit, and reuses the vectors', async () => {
    const live = await startStack();
    const { history } = live;
    const ids = [
      await history.submit({ ...GALLERY, at: new Date(JUNE) }),
      await history.submit({ ...INVOICES, at: new Date(JUNE + DAY) }),
      await history.submit({ ...GALLERY_AGAIN, at: new Date(JUNE + 2 * DAY) }),
      await history.submit({ title: 'Seating plan export for the caterer', description: 'A PDF of the tables and who sits where.', at: new Date(JUNE + 3 * DAY) }),
    ];
    for (let i = 0; i < 40; i++) {
      const voter = { id: randomUUID(), supplierType: ['', 'photographer', 'florist', 'venue'][i % 4], weight: [1, 0.25, 0.6][i % 3] };
      const at = new Date(JUNE + i * 3_600_000 * 7 + (i % 5) * 1_234);
      const voteId = await history.vote(ids[i % ids.length] as string, voter, at);
      if (i % 7 === 0) await history.retract(ids[i % ids.length] as string, voteId, voter, new Date(at.getTime() + DAY));
    }
    await history.edit(ids[1] as string, randomUUID(), { description: 'Every invoice as a PDF, for the accountant.' }, new Date(JUNE + 20 * DAY));
    await live.service.settled();

    const rebuilt = await startStack({ store: live.store, events: live.schemas.events });
    await rebuilt.service.settled();
    const snapshot = async (stack: Stack) => ({
      priorities: await Promise.all(ids.map((featureRequestId) => stack.client.call('getPriority', { featureRequestId }, couple))),
      ranking: await stack.client.call('listRankedRequests', {}, couple),
    });
    const before = await snapshot(live);
    expect(before.priorities[2]?.possibleDuplicateOf).toBe(ids[0]);
    expect(await snapshot(rebuilt)).toEqual(before);

    // Another copy of the read model beside the live one's vectors embeds nothing again.
    const reusing = await startStack({ store: live.store, events: live.schemas.events, derivedSchema: live.schemas.derived });
    await reusing.service.settled();
    expect(reusing.service.readModel.embeddings?.embedded).toBe(0);
    expect(await snapshot(reusing)).toEqual(before);
  });

  it('makes again the duplicate marks an earlier ranking made, whose scores are on another scale', async () => {
    const live = await startStack();
    const original = await live.history.submit(GALLERY);
    await live.history.submit(INVOICES);
    const again = await live.history.submit(GALLERY_AGAIN);
    await live.service.settled();
    const marked = await live.client.call('getPriority', { featureRequestId: again }, couple);
    expect(marked).toMatchObject({ possibleDuplicateOf: original });
    const marks = `${quoteIdent(live.schemas.derived)}.duplicate_marks`;
    // As the ranking before the hubness correction left them: the model's name alone, scores of its own.
    await engine.db.query(`update ${marks} set method = $1, duplicate_of = null, score = 0.4`, [textModel.method]);

    const next = await startStack({ store: live.store, events: live.schemas.events, derivedSchema: live.schemas.derived });
    await next.service.settled();
    expect(await next.client.call('getPriority', { featureRequestId: again }, couple)).toMatchObject({ possibleDuplicateOf: original, duplicateScore: marked.duplicateScore });
    expect(await engine.db.query(`select distinct method from ${marks}`)).toEqual([{ method: `${textModel.method}; ranking 2` }]);
  });

  it('answers by wording alone when the model files are missing, says so once, and reports the mode in its health', async () => {
    const lines: string[] = [];
    const logger = createLogger({ service: 'triage-test', level: 'warn', destination: new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }) });
    const missing = `/nonexistent/${randomUUID()}/model`;
    const { client, history, service } = await startStack({ logger, textModel: undefined, modelDirectory: missing });
    expect(service.mode).toBe('lexical');
    const errors = lines.map((line) => JSON.parse(line) as { level: string; msg: string }).filter((line) => line.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.msg).toContain(missing);
    expect(errors[0]?.msg).toContain('run `npm ci`');

    const featureRequestId = await history.submit(GALLERY);
    await service.settled();
    const typed = await client.call('findSimilarRequests', { title: 'Upload photos to the wedding gallery' }, couple);
    expect(typed.mode).toBe('SIMILARITY_MODE_LEXICAL');
    expect(typed.similar[0]).toMatchObject({ featureRequestId, reason: expect.stringContaining('same words') });
    expect(await checkHealth(service.address, '')).toBe('SERVING');
    expect(await checkHealth(service.address, 'frm.v1.TriageService')).toBe('SERVING');
    expect(await checkHealth(service.address, SEMANTIC_SEARCH_HEALTH)).toBe('NOT_SERVING');
  });
});
