import { randomUUID } from 'node:crypto';
import { frmEventsV1, toEventJson } from '@frm/contracts';
import { type EventStore, type JsonObject, type RecordedEvent } from '@frm/event-store';
import { pgliteEventStore, recordedEvent } from '@frm/event-store/testing';
import { projectionSchema, ProjectionRunner } from '@frm/projections';
import type { SqlDatabase } from '@frm/postgres';
import type { TestPglite } from '@frm/testing';
import type { VoteEvent } from '../domain';
import { encodeVoteEvent } from '../event-codec/vote-event.codec';
import { votesProjection } from './votes.projection';

let position = 0n;
const recorded = (event: VoteEvent): RecordedEvent => recordedEvent(encodeVoteEvent(event), ++position, { streamId: `vote-${event.voteId}` });

const requestA = randomUUID();
const requestB = randomUUID();
const signals = { ipHash: 'ip', networkHash: 'net', deviceHash: 'dev', userAgentHash: 'ua' };
const cast = (voteId: string, featureRequestId: string, weight: number): VoteEvent => ({
  type: 'VoteCast',
  voteId,
  featureRequestId,
  voterId: `voter-${voteId}`,
  occurredAt: new Date('2026-05-01T10:00:00Z'),
  tallyEffect: { counted: 1, flagged: 0, weighted: weight },
  weight,
  signals,
  voterSupplierType: '',
  voterAccountCreatedAt: undefined,
  featureRequestAuthorId: 'author',
  movedFromVoteId: '',
  voterTimeZone: '',
});

const submitted = (featureRequestId: string): RecordedEvent => {
  const data = toEventJson(frmEventsV1.FeatureRequestSubmitted, { ...frmEventsV1.FeatureRequestSubmitted.fromPartial({}), featureRequestId, authorId: 'author', title: 'T' }) as JsonObject;
  return recordedEvent({ type: frmEventsV1.FeatureRequestSubmitted.$type, data }, ++position, { streamId: `feature-request-${featureRequestId}` });
};

/** Casts on two requests with weights whose float sums depend on their order, a flag, a retraction, a submission amid the casts. */
function history(): RecordedEvent[] {
  const votes = Array.from({ length: 12 }, () => randomUUID());
  const weights = [0.8, 0.25, 0.5, 0.1, 0.7, 0.3, 0.8, 0.2, 0.6, 0.9, 0.35, 0.15];
  const events: VoteEvent[] = votes.slice(0, 7).map((id, i) => cast(id, i % 2 ? requestA : requestB, weights[i] as number));
  events.push({ type: 'VoteFlagged', voteId: votes[1] as string, featureRequestId: requestA, voterId: `voter-${votes[1]}`, occurredAt: new Date('2026-05-01T10:00:01Z'), tallyEffect: { counted: -1, flagged: 1, weighted: -0.25 }, evidence: [{ kind: 'burst', score: 0.9, explanation: 'burst', relatedVoteIds: [] }] });
  events.push(...votes.slice(7).map((id, i) => cast(id, i % 2 ? requestB : requestA, weights[7 + i] as number)));
  events.push({ type: 'VoteRetracted', voteId: votes[8] as string, featureRequestId: requestB, voterId: `voter-${votes[8]}`, occurredAt: new Date('2026-05-01T10:00:02Z'), tallyEffect: { counted: -1, flagged: 0, weighted: -0.6 } });
  // A cast handed over again after a crash: the vote is not inserted twice.
  events.push(cast(votes[3] as string, requestA, 0.1));
  const all = events.map(recorded);
  // Request B's submission reaches the read model after votes on it (as when a merge moved them there first).
  return [submitted(requestA), ...all.slice(0, 3), submitted(requestB), ...all.slice(3)];
}

async function tables(db: SqlDatabase, schema: string) {
  const s = projectionSchema(schema);
  return {
    tallies: await db.query(`select feature_request_id, counted::text, flagged::text, weighted::text from ${s.table('tallies')} order by 1`),
    votes: await db.query(`select vote_id, state, held, weight, evidence from ${s.table('votes')} order by 1`),
    requests: await db.query(`select id, status, author_id from ${s.table('feature_requests')} order by 1`),
  };
}

describe('votes projection, batch handler', () => {
  let pg: TestPglite;
  let store: EventStore;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ pg, store, cleanup } = await pgliteEventStore());
  });
  afterAll(() => cleanup());

  /** Projects the store into `schema`, `batchSize` events per batch (1: every event on its own). */
  async function project(schema: string, batchSize: number, last: RecordedEvent['position']): Promise<void> {
    const runner = new ProjectionRunner({ projection: votesProjection, eventStore: store, db: pg.db, schema, batchSize });
    await runner.start();
    try {
      expect(await runner.waitUntilApplied(last, 20_000)).toBe(true);
    } finally {
      await runner.stop();
    }
  }

  it('leaves the same rows, to the last digit, as applying the events one by one, however they are grouped', async () => {
    let last: RecordedEvent['position'] = { commit: 0n, prepare: 0n };
    for (const event of history()) {
      ({ position: last } = await store.appendToStream(event.streamId, [{ id: event.id, type: event.type, data: event.data }], { expectedRevision: 'any' }));
    }
    await project('one_by_one', 1, last);
    await project('batched', 500, last);
    await project('regrouped', 5, last);
    const expected = await tables(pg.db, 'one_by_one');
    expect(expected.tallies).toEqual([
      { feature_request_id: requestA < requestB ? requestA : requestB, counted: expect.any(String), flagged: expect.any(String), weighted: expect.any(String) },
      expect.anything(),
    ]);
    const byRequest = Object.fromEntries(expected.tallies.map((row) => [(row as { feature_request_id: string }).feature_request_id, row]));
    // A: casts 0.25, 0.1, 0.3 (+0.1 again), then the 0.25 vote flagged; cast 0.2, 0.9, 0.15 after.
    expect(byRequest[requestA]).toMatchObject({ counted: '6', flagged: '1', weighted: '1.75' });
    // B: casts 0.8, 0.5, 0.7, 0.8, 0.6, 0.35, then the 0.6 vote retracted.
    expect(byRequest[requestB]).toMatchObject({ counted: '5', flagged: '0', weighted: '3.15' });
    expect(expected.requests).toHaveLength(2);
    expect(await tables(pg.db, 'batched')).toEqual(expected);
    expect(await tables(pg.db, 'regrouped')).toEqual(expected);
  });

  it('folds a run of casts into one statement, submissions amid it applied in their place', () => {
    const events = history();
    const statements = votesProjection.handleBatch?.(events, projectionSchema('p')) ?? [];
    // The two submissions; the first run of seven casts, the flag, the second run of five, the retraction, the repeated cast.
    expect(statements).toHaveLength(2 + 5);
    expect(statements.filter((statement) => statement.sql.includes('jsonb_to_recordset'))).toHaveLength(2);
  });
});
