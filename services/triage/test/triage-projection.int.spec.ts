import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { frmEventsV1, timestampFromDate, toEventJson, type EventMessageFns } from '@frm/contracts';
import type { JsonObject, RecordedEvent } from '@frm/event-store';
import { recordedEvent } from '@frm/event-store/testing';
import { quoteIdent } from '@frm/postgres';
import { checksumProjection, projectionSchema, type ProjectionDefinition } from '@frm/projections';
import { testPglite, type TestPglite } from '@frm/testing';
import { DerivedTables } from '../src/embeddings/derived-tables';
import { triageProjection } from '../src/read-model/triage.projection';

const START = Date.UTC(2026, 3, 1);
const HOUR = 3_600_000;
const SUPPLIER_TYPES = ['', 'photographer', 'venue', 'florist'];
// '' as a token without tz gives it; a moved vote's cast leaves it out and keeps its source's.
const TIME_ZONES = ['', 'Pacific/Auckland', 'Europe/London', 'America/New_York'];

/** An event of the contracts as the store hands it to a projection, at position `n`. */
function recordedOf<T>(fns: EventMessageFns<T>, message: T, n: number, recordedAt: Date): RecordedEvent {
  return recordedEvent({ type: fns.$type, data: toEventJson(fns, message) as JsonObject }, n, { recordedAt });
}

/** A history as intake, voting and triage would append it: submissions, votes and what becomes of them, edits, merges, RICE, an erasure. */
function historyOf(seed: number, size: number): RecordedEvent[] {
  let state = seed;
  const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const events: RecordedEvent[] = [];
  let at = START;
  const record = <T>(fns: EventMessageFns<T>, message: T) => {
    at += Math.floor(random() * 6 * HOUR);
    events.push(recordedOf(fns, message, events.length + 1, new Date(at)));
  };
  const when = () => timestampFromDate(new Date(at));
  const requests: { id: string; author: string }[] = [];
  const votes: { voteId: string; requestId: string; voterId: string; weight: number; state: 'counted' | 'flagged' | 'gone' }[] = [];
  const effect = (counted: number, weight: number) => ({ counted: String(counted), flagged: '0', weighted: counted * weight });
  while (events.length < size) {
    const roll = random();
    if (requests.length < 3 || roll < 0.15) {
      const request = { id: randomUUID(), author: pick(['author-a', 'author-b', randomUUID()]) };
      requests.push(request);
      record(frmEventsV1.FeatureRequestSubmitted, { ...frmEventsV1.FeatureRequestSubmitted.fromPartial({}), featureRequestId: request.id, occurredAt: when(), authorId: request.author, title: `Request ${requests.length}`, description: pick(['', 'Guests upload photos.', 'Pay by card.']), tags: ['a'] });
    } else if (roll < 0.55) {
      const request = pick(requests);
      const vote = { voteId: randomUUID(), requestId: request.id, voterId: randomUUID(), weight: pick([1, 0.25, 0.6]), state: 'counted' as const };
      votes.push(vote);
      record(frmEventsV1.VoteCast, { ...frmEventsV1.VoteCast.fromPartial({}), voteId: vote.voteId, occurredAt: when(), featureRequestId: vote.requestId, voterId: vote.voterId, weight: vote.weight, voterSupplierType: pick(SUPPLIER_TYPES), voterTimeZone: pick(TIME_ZONES), tallyEffect: effect(1, vote.weight) });
    } else if (roll < 0.85 && votes.length > 0) {
      const vote = pick(votes);
      const base = { voteId: vote.voteId, occurredAt: when(), featureRequestId: vote.requestId, voterId: vote.voterId };
      if (vote.state === 'counted' && random() < 0.4) {
        vote.state = 'gone';
        record(frmEventsV1.VoteRetracted, { ...frmEventsV1.VoteRetracted.fromPartial({}), ...base, tallyEffect: effect(-1, vote.weight) });
      } else if (vote.state === 'counted') {
        vote.state = 'flagged';
        record(frmEventsV1.VoteFlagged, { ...frmEventsV1.VoteFlagged.fromPartial({}), ...base, tallyEffect: { ...effect(-1, vote.weight), flagged: '1' } });
      } else if (vote.state === 'flagged') {
        vote.state = 'counted';
        record(frmEventsV1.VoteReviewed, { ...frmEventsV1.VoteReviewed.fromPartial({}), ...base, reviewerId: 'staff', decision: frmEventsV1.VoteReviewDecision.VOTE_REVIEW_DECISION_CLEAR, tallyEffect: { ...effect(1, vote.weight), flagged: '-1' } });
      } else {
        // Cast again after taking it back: the same vote id, a new time.
        vote.state = 'counted';
        record(frmEventsV1.VoteCast, { ...frmEventsV1.VoteCast.fromPartial({}), ...base, weight: vote.weight, tallyEffect: effect(1, vote.weight) });
      }
    } else if (roll < 0.9 && votes.some((vote) => vote.state === 'counted') && requests.length > 1) {
      const vote = pick(votes.filter((candidate) => candidate.state === 'counted'));
      const target = pick(requests.filter((request) => request.id !== vote.requestId));
      const moved = { voteId: randomUUID(), requestId: target.id, voterId: vote.voterId, weight: vote.weight, state: 'counted' as const };
      vote.state = 'gone';
      record(frmEventsV1.VoteMoved, { ...frmEventsV1.VoteMoved.fromPartial({}), voteId: vote.voteId, occurredAt: when(), featureRequestId: vote.requestId, voterId: vote.voterId, targetFeatureRequestId: target.id, targetVoteId: moved.voteId, weight: vote.weight, tallyEffect: effect(-1, vote.weight) });
      record(frmEventsV1.VoteCast, { ...frmEventsV1.VoteCast.fromPartial({}), voteId: moved.voteId, occurredAt: when(), featureRequestId: target.id, voterId: vote.voterId, weight: vote.weight, movedFromVoteId: vote.voteId, tallyEffect: effect(1, vote.weight) });
      votes.push(moved);
    } else if (roll < 0.94) {
      record(frmEventsV1.FeatureRequestEdited, { ...frmEventsV1.FeatureRequestEdited.fromPartial({}), featureRequestId: pick(requests).id, occurredAt: when(), editorId: 'author-a', description: `Edited at ${at}` });
    } else if (roll < 0.97) {
      record(frmEventsV1.TriageRiceInputsSet, { ...frmEventsV1.TriageRiceInputsSet.fromPartial({}), featureRequestId: pick(requests).id, occurredAt: when(), actorId: 'staff', reach: 10, impact: 1, confidence: 50, effort: 1, affectsWeddingDayOperations: random() < 0.5 });
    } else {
      record(frmEventsV1.SubjectErased, { ...frmEventsV1.SubjectErased.fromPartial({}), subjectId: 'author-b', occurredAt: when() });
    }
  }
  return events;
}

describe('the triage projection, batched', () => {
  let pglite: TestPglite;
  const projection: ProjectionDefinition = triageProjection();

  beforeAll(async () => {
    pglite = await testPglite();
    await new DerivedTables('triage_projection_test').install(pglite.db);
  });

  afterAll(() => pglite?.cleanup());

  const install = async (schema: string) => {
    await pglite.db.exec(`drop schema if exists ${quoteIdent(schema)} cascade; create schema ${quoteIdent(schema)}`);
    for (const statement of projection.schemaSql(projectionSchema(schema))) await pglite.db.query(statement);
  };

  it('gives the same rows as its handler event by event, in batches of any size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 30 }), fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 12 }), async (seed, sizes) => {
        const events = historyOf(seed, 150);
        await install('one_by_one');
        await install('batched');
        await pglite.db.transaction(async (tx) => {
          for (const event of events) for (const statement of projection.handle(event, projectionSchema('one_by_one'))) await tx.query(statement.sql, statement.params ?? []);
        });
        await pglite.db.transaction(async (tx) => {
          for (let from = 0, i = 0; from < events.length; from += sizes[i++ % sizes.length] as number) {
            const batch = events.slice(from, from + (sizes[i % sizes.length] as number));
            const statements = projection.handleBatch?.(batch, projectionSchema('batched')) ?? [];
            for (const statement of statements) await tx.query(statement.sql, statement.params ?? []);
          }
        });
        const [expected, actual] = [await checksumProjection(pglite.db, 'one_by_one'), await checksumProjection(pglite.db, 'batched')];
        expect(actual.tables).toEqual(expected.tables);
      }),
      { numRuns: 8 },
    );
  });

  it('keeps the row of a vote cast again while it still counts and adds the count to it, as its handler does', async () => {
    const request = randomUUID();
    const [a, b] = [randomUUID(), randomUUID()];
    let n = 0;
    const recorded = <T>(fns: EventMessageFns<T>, message: T, hoursIn: number) => recordedOf(fns, message, ++n, new Date(START + hoursIn * HOUR));
    const cast = (voteId: string, hoursIn: number, supplierType: string) =>
      recorded(frmEventsV1.VoteCast, { ...frmEventsV1.VoteCast.fromPartial({}), voteId, featureRequestId: request, voterId: randomUUID(), weight: 1, voterSupplierType: supplierType, occurredAt: timestampFromDate(new Date(START + hoursIn * HOUR)), tallyEffect: { counted: '1', flagged: '0', weighted: 1 } }, hoursIn);
    const events = [
      recorded(frmEventsV1.FeatureRequestSubmitted, { ...frmEventsV1.FeatureRequestSubmitted.fromPartial({}), featureRequestId: request, authorId: 'author-a', title: 'Seating export', occurredAt: timestampFromDate(new Date(START)) }, 0),
      cast(a, 1, 'florist'),
      cast(b, 2, 'venue'),
      // Not a history voting writes: `a` cast again while it counts. Its row (time, term, supplier type) stays.
      cast(a, 500, 'photographer'),
      cast(randomUUID(), 501, 'venue'),
    ];
    await install('one_by_one');
    await install('batched');
    for (const event of events) for (const statement of projection.handle(event, projectionSchema('one_by_one'))) await pglite.db.query(statement.sql, statement.params ?? []);
    // In two batches: within one, a cast of a vote the batch touched is applied by the handler itself.
    for (const batch of [events.slice(0, 3), events.slice(3)]) {
      for (const statement of projection.handleBatch?.(batch, projectionSchema('batched')) ?? []) await pglite.db.query(statement.sql, statement.params ?? []);
    }
    const [vote] = await pglite.db.query<{ counted: number; supplier_type: string }>(`select counted, supplier_type from ${projectionSchema('one_by_one').table('votes')} where vote_id = $1`, [a]);
    expect(vote).toEqual({ counted: 2, supplier_type: 'florist' });
    const [expected, actual] = [await checksumProjection(pglite.db, 'one_by_one'), await checksumProjection(pglite.db, 'batched')];
    expect(actual.tables).toEqual(expected.tables);
  });
});
