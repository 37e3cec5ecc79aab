import { randomUUID } from 'node:crypto';
import { mulberry32 } from '@frm/bench';
import { eventIdFor, type EventStore } from '@frm/event-store';
import { pgliteEventStore } from '@frm/event-store/testing';
import type { SqlDatabase } from '@frm/postgres';
import { projectionSchema } from '@frm/projections';
import { projectInBatches } from '@frm/projections/testing';
import type { TestPglite } from '@frm/testing';
import { DEFAULT_TREND_HALF_LIFE_MS } from '@frm/trend';
import { encodeEvent } from '../src/feature-requests/event-codec/feature-request-event.codec';
import { featureRequestsProjection } from '../src/feature-requests/read-model/feature-requests.projection';
import { VotingHistory } from './support/voting-history';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 4, 1);

describe('the feature_requests projection, batch handler', () => {
  let pg: TestPglite;
  let store: EventStore;
  let cleanup: () => Promise<void>;
  let history: VotingHistory;
  const requests: string[] = [];

  beforeAll(async () => {
    ({ pg, store, cleanup } = await pgliteEventStore());
    history = new VotingHistory(store);
  });

  afterAll(() => cleanup());

  async function submit(at: number): Promise<void> {
    const featureRequestId = randomUUID();
    requests.push(featureRequestId);
    const event = encodeEvent({
      type: 'FeatureRequestSubmitted',
      featureRequestId,
      occurredAt: new Date(at),
      authorId: randomUUID(),
      title: `Request ${requests.length}`,
      description: `What request ${requests.length} is for`,
      category: requests.length % 2 === 0 ? 'planning-tools' : 'payments',
      tags: requests.length % 3 === 0 ? ['seating', 'export'] : [],
      weddingContext: requests.length % 2 === 0 ? { supplierType: 'florist', weddingDate: '2027-06-12' } : null,
    });
    await store.appendToStream(`feature-request-${featureRequestId}`, [{ id: eventIdFor(featureRequestId, 0), ...event }], { expectedRevision: 'no_stream' });
  }

  /** Random votes, retractions and casts again, flags and clearances, merges and unmerges, with submissions between them. */
  async function randomHistory(seed: number, steps: number): Promise<void> {
    const random = mulberry32(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const votes: string[] = [];
    const retracted = new Set<string>();
    const flagged = new Set<string>();
    const merges: Array<[string, string]> = [];
    const some = (filter: (vote: string) => boolean) => {
      const candidates = votes.filter(filter);
      return candidates.length === 0 ? undefined : pick(candidates);
    };
    for (let i = 0; i < 3; i++) await submit(START + i);
    for (let step = 0; step < steps; step++) {
      const at = START + HOUR * (step + 1) + Math.floor(random() * HOUR);
      const roll = random();
      if (roll < 0.45) {
        const held = random() < 0.1;
        const vote = await history.cast(pick(requests), randomUUID(), at, { held });
        votes.push(vote);
        if (held) flagged.add(vote);
      } else if (roll < 0.52) {
        const vote = some((v) => history.isActive(v));
        if (vote) {
          await history.retract(vote, at);
          retracted.add(vote);
          flagged.delete(vote);
        }
      } else if (roll < 0.58) {
        const vote = some((v) => retracted.has(v) && !history.isActive(v));
        if (vote) {
          await history.recast(vote, at);
          retracted.delete(vote);
        }
      } else if (roll < 0.65) {
        const vote = some((v) => history.isCounting(v));
        if (vote) {
          await history.flag(vote, at);
          flagged.add(vote);
        }
      } else if (roll < 0.72) {
        const vote = some((v) => flagged.has(v) && history.isActive(v) && !history.isCounting(v));
        if (vote) {
          await history.clear(vote, at);
          flagged.delete(vote);
        }
      } else if (roll < 0.8) {
        const [source, target] = [pick(requests), pick(requests)];
        if (source !== target && !merges.some(([s, t]) => s === source || t === source || s === target)) {
          votes.push(...(await history.merge(source, target, at)).values());
          merges.push([source, target]);
        }
      } else if (roll < 0.85 && merges.length > 0) {
        const [source, target] = merges.splice(Math.floor(random() * merges.length), 1)[0] as [string, string];
        await history.unmerge(source, target, at);
      } else if (roll < 0.9) await submit(at);
      else votes.push(await history.cast(pick(requests), randomUUID(), at));
    }
  }

  async function rows(db: SqlDatabase, schema: string) {
    const s = projectionSchema(schema);
    return {
      requests: await db.query(`select id, vote_count::text, weighted_vote_count::text, trend_sum::text, trend_rank::text from ${s.table('feature_requests')} order by id`),
      // Every column as text (exact), the submissions' text and context as much as the votes' sums.
      rows: await db.query(`select to_jsonb(f)::text as row from ${s.table('feature_requests')} f order by id`),
      terms: await db.query(`select vote_id, feature_request_id, term::text, counted from ${s.table('vote_terms')} order by vote_id`),
    };
  }

  it('leaves the same rows, to the last digit, as applying the events one by one, however they are grouped', async () => {
    await randomHistory(20261127, 400);
    await projectInBatches({ projection: featureRequestsProjection, eventStore: store, db: pg.db, copies: { one_by_one: 1, batched: 500, regrouped: 7 } });
    const expected = await rows(pg.db, 'one_by_one');
    // The oracle: what each request's counted votes and trend sum must be.
    expect(expected.rows).toHaveLength(requests.length);
    for (const request of requests) {
      const row = expected.requests.find((r) => (r as { id: string }).id === request);
      expect(row).toMatchObject({ vote_count: String(history.countedVotes(request)), trend_sum: history.termSum(request, DEFAULT_TREND_HALF_LIFE_MS).toString() });
    }
    expect(expected.terms.length).toBeGreaterThan(150);
    expect(await rows(pg.db, 'batched')).toEqual(expected);
    expect(await rows(pg.db, 'regrouped')).toEqual(expected);
  }, 120_000);

  it('folds runs of votes into two statements each, and breaks a run where a vote is cast again', () => {
    const schema = projectionSchema('p');
    const request = randomUUID();
    const vote = (type: string, voteId: string, counted: number, extra: Record<string, unknown> = {}) => ({
      id: randomUUID(),
      type: `frm.events.v1.${type}`,
      data: { voteId, featureRequestId: request, voterId: 'v', occurredAt: new Date(START).toISOString(), tallyEffect: { counted: String(counted), flagged: '0', weighted: counted }, ...extra },
      metadata: {},
      streamId: `vote-${voteId}`,
      revision: 0n,
      position: { commit: 1n, prepare: 1n },
      recordedAt: new Date(START),
    });
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const run = [vote('VoteCast', a, 1), vote('VoteCast', b, 1), vote('VoteRetracted', a, -1), vote('VoteCast', c, 1)];
    // The casts with what the run counts for them, then the requests' sums: two statements for four events.
    expect(featureRequestsProjection.handleBatch?.(run, schema)).toHaveLength(2);
    // `a` cast again after its retraction takes a new term: a second run begins there.
    expect(featureRequestsProjection.handleBatch?.([...run, vote('VoteCast', a, 1)], schema)).toHaveLength(4);
    // A vote the run did not cast is counted on its own row: one statement more.
    expect(featureRequestsProjection.handleBatch?.([vote('VoteRetracted', randomUUID(), -1), ...run], schema)).toHaveLength(3);
  });

  it('puts the submissions between votes in one insert ahead of the run, and still breaks it at other events', () => {
    const schema = projectionSchema('p');
    const submitted = (featureRequestId: string) => ({
      id: randomUUID(),
      ...encodeEvent({ type: 'FeatureRequestSubmitted', featureRequestId, occurredAt: new Date(START), authorId: 'a', title: 'T', description: 'D', category: 'payments', tags: [], weddingContext: null }),
      metadata: {},
      streamId: `feature-request-${featureRequestId}`,
      revision: 0n,
      position: { commit: 1n, prepare: 1n },
      recordedAt: new Date(START),
    });
    const cast = (featureRequestId: string) => ({
      ...submitted(featureRequestId),
      type: 'frm.events.v1.VoteCast',
      data: { voteId: randomUUID(), featureRequestId, voterId: 'v', occurredAt: new Date(START).toISOString(), tallyEffect: { counted: '1', flagged: '0', weighted: 1 } },
      streamId: `vote-${randomUUID()}`,
    });
    const [x, y] = [randomUUID(), randomUUID()];
    const statements = featureRequestsProjection.handleBatch?.([submitted(x), cast(x), submitted(y), cast(y), cast(x)], schema) ?? [];
    expect(statements).toHaveLength(3);
    expect(statements[0]?.sql).toMatch(/^insert into "p"\."feature_requests"/);
    expect(JSON.parse(String(statements[0]?.params?.[0])).map((row: { id: string }) => row.id)).toEqual([x, y]);
    const comment = { ...submitted(x), ...encodeEvent({ type: 'FeatureRequestCommentAdded', featureRequestId: x, occurredAt: new Date(START), commentId: randomUUID(), authorId: 'a', body: 'B' }) };
    // A comment is applied on its own, after what came before it: submissions and run, then the comment, then a new run.
    expect(featureRequestsProjection.handleBatch?.([submitted(x), cast(x), comment, cast(x)], schema)).toHaveLength(1 + 2 + 1 + 2);
  });
});

describe('the feature_requests projection, batch handler, given a vote cast while it still counts', () => {
  it('keeps the row and its term and adds the run\'s count to it, as the handler does', async () => {
    const { pg, store, cleanup } = await pgliteEventStore();
    try {
      const request = randomUUID();
      const submitted = encodeEvent({ type: 'FeatureRequestSubmitted', featureRequestId: request, occurredAt: new Date(START), authorId: 'a', title: 'T', description: 'D', category: 'payments', tags: [], weddingContext: null });
      await store.appendToStream(`feature-request-${request}`, [{ id: randomUUID(), ...submitted }], { expectedRevision: 'no_stream' });
      const append = async (type: string, voteId: string, counted: number, at: number) =>
        store.appendToStream(`vote-${randomUUID()}`, [
          {
            id: randomUUID(),
            type: `frm.events.v1.${type}`,
            data: { voteId, featureRequestId: request, voterId: 'v', occurredAt: new Date(at).toISOString(), tallyEffect: { counted: String(counted), flagged: '0', weighted: counted } },
          },
        ], { expectedRevision: 'no_stream' });
      const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
      // Enough votes in each run that the batch handler folds them (else the events go one by one).
      const castMany = async (from: number) => {
        for (let i = 0; i < 10; i++) await append('VoteCast', randomUUID(), 1, from + i * HOUR);
      };
      await append('VoteCast', a, 1, START + HOUR);
      await append('VoteCast', b, 1, START + 2 * HOUR);
      await castMany(START + 3 * HOUR);
      // Not a history voting writes: `a` is cast again while it counts. Its row, and its term, stay.
      await append('VoteCast', a, 1, START + 30 * 24 * HOUR);
      await append('VoteCast', c, 1, START + 31 * 24 * HOUR);
      await append('VoteRetracted', c, -1, START + 32 * 24 * HOUR);
      await castMany(START + 33 * 24 * HOUR);
      await projectInBatches({ projection: featureRequestsProjection, eventStore: store, db: pg.db, copies: { one_by_one: 1, batched: 100 } });
      const rows = async (schema: string) => {
        const s = projectionSchema(schema);
        return {
          terms: await pg.db.query(`select vote_id, term::text, counted from ${s.table('vote_terms')} order by vote_id`),
          request: await pg.db.query(`select vote_count::text, trend_sum::text from ${s.table('feature_requests')}`),
        };
      };
      const expected = await rows('one_by_one');
      expect(expected.terms).toContainEqual(expect.objectContaining({ vote_id: a, counted: 2 }));
      expect(await rows('batched')).toEqual(expected);
    } finally {
      await cleanup();
    }
  }, 60_000);
});
