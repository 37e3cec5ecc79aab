import { frmV1 } from '@frm/contracts';
import { openPostgresEventStore, type EventStore } from '@frm/event-store';
import { quoteIdent } from '@frm/postgres';
import { ProjectionRebuilder, projectionSchema } from '@frm/projections';
import { testPostgres, waitUntil, type TestPostgres } from '@frm/testing';
import { DEFAULT_TREND_HALF_LIFE_MS, TrendHalfLifeMismatchError } from '@frm/trend';
import { featureRequestsProjection } from '../src/feature-requests/read-model/feature-requests.projection';
import { couple, productManager, startIntakeTestBed, type IntakeTestBed } from './support/intake-test-bed';
import { VotingHistory } from './support/voting-history';

const { FeatureRequestSort: Sort } = frmV1;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2026, 2, 2);
/** Day `day`, hour `hour` of the history: every vote at a time of its own, so that no two trends tie by accident. */
const t = (day: number, hour: number) => START + day * DAY + hour * HOUR;
/** After the latest vote: every request's trend is read at one time, as triage's ranking reads them. */
const READ_AT = t(13, 0);
const NAMES = ['quiet', 'steady', 'fresh', 'retracted', 'reviewed', 'mergedAway', 'mergeTarget', 'unmerged', 'silent'] as const;
const MAX_PAGE_TOKEN_LENGTH = 1_024;

interface Row {
  id: string;
  vote_count: string;
  trend_sum: string;
  trend_rank: string;
}

describe('the trending sort (server Postgres)', () => {
  let postgres: TestPostgres;
  let store: EventStore;
  let bed: IntakeTestBed;
  const beds: IntakeTestBed[] = [];
  const history = {} as { votes: VotingHistory };
  const id = {} as Record<(typeof NAMES)[number], string>;
  const schemas = { events: '', readModel: '', hourly: '' };

  beforeAll(async () => {
    postgres = await testPostgres({ prefix: 'intake_trending' });
    Object.assign(schemas, { events: `${postgres.schema}_events`, readModel: `${postgres.schema}_read`, hourly: `${postgres.schema}_hourly` });
    bed = await startIntakeTestBed(postgres.db, { eventStoreSchema: schemas.events, readModelSchema: schemas.readModel });
    beds.push(bed);
    store = await openPostgresEventStore(postgres.db, { schema: schemas.events });
    history.votes = new VotingHistory(store);
    await recordHistory();
    await untilProjected(schemas.readModel, DEFAULT_TREND_HALF_LIFE_MS);
  }, 60_000);

  afterAll(async () => {
    for (const running of beds) await running.close().catch(() => undefined);
    await store?.close();
    for (const schema of Object.values(schemas).filter(Boolean)) await postgres?.db.exec(`drop schema if exists ${quoteIdent(schema)} cascade`);
    await postgres?.cleanup();
  });

  /** Requests submitted through intake; votes as voting appends them: retracted, flagged, held and cleared, cast again, moved by a merge, moved back by an undone one. */
  async function recordHistory(): Promise<void> {
    const author = couple();
    const staff = productManager();
    for (const name of NAMES) id[name] = (await bed.client.call('submitFeatureRequest', { title: `Request ${name}`, category: 'guest-management' }, author)).id;
    const { votes } = history;
    await votes.cast(id.steady, 's1', t(1, 1));
    await votes.cast(id.steady, 's2', t(2, 2));
    await votes.cast(id.steady, 's3', t(3, 3));
    await votes.cast(id.fresh, 'f1', t(10, 4));
    await votes.cast(id.fresh, 'f2', t(11, 5));
    await votes.cast(id.retracted, 'r1', t(5, 6));
    await votes.retract(await votes.cast(id.retracted, 'r2', t(9, 7)), t(10, 8));
    await votes.cast(id.reviewed, 'v1', t(8, 9));
    await votes.cast(id.reviewed, 'v2', t(8, 20));
    await votes.flag(await votes.cast(id.reviewed, 'v3', t(9, 10)), t(9, 15));
    await votes.clear(await votes.cast(id.reviewed, 'v4', t(6, 11), { held: true }), t(11, 12));
    const again = await votes.cast(id.reviewed, 'v5', t(2, 13));
    await votes.retract(again, t(3, 14));
    await votes.recast(again, t(10, 16));
    // A merge that stays: x voted for both, so x's vote is dropped; y's arrives with the term of its first cast.
    await votes.cast(id.mergedAway, 'x', t(4, 17));
    await votes.cast(id.mergedAway, 'y', t(7, 18));
    await votes.cast(id.mergeTarget, 'x', t(3, 19));
    await votes.cast(id.mergeTarget, 'z', t(12, 1));
    await bed.client.call('mergeFeatureRequest', { sourceFeatureRequestId: id.mergedAway, targetFeatureRequestId: id.mergeTarget, reason: 'Same' }, staff);
    await votes.merge(id.mergedAway, id.mergeTarget, t(12, 2));
    // A merge undone: q's vote, flagged when it left, is cleared at the target and goes back counting.
    await votes.cast(id.unmerged, 'p', t(6, 3));
    const q = await votes.cast(id.unmerged, 'q', t(10, 5));
    await votes.flag(q, t(10, 6));
    await bed.client.call('mergeFeatureRequest', { sourceFeatureRequestId: id.unmerged, targetFeatureRequestId: id.steady, reason: 'Same?' }, staff);
    const arrivals = await votes.merge(id.unmerged, id.steady, t(11, 7));
    await votes.clear(arrivals.get(q) as string, t(11, 8));
    await bed.client.call('unmergeFeatureRequest', { featureRequestId: id.unmerged, reason: 'Not the same' }, staff);
    await votes.unmerge(id.unmerged, id.steady, t(11, 10));
  }

  const rowsOf = (schema: string) =>
    postgres.db.query<Row>(
      `select id::text, vote_count::text, trend_sum::text, trend_rank::text from ${projectionSchema(schema).table('feature_requests')} order by id`,
    );

  /** Waits until the read model holds every vote's effect: the counted votes, and the exact sum of their trend terms. */
  async function untilProjected(schema: string, halfLifeMs: number): Promise<void> {
    const expected = NAMES.map((name) => ({ id: id[name], vote_count: String(history.votes.countedVotes(id[name])), trend_sum: history.votes.termSum(id[name], halfLifeMs).toString() }));
    await waitUntil(`read model ${schema} holds every vote`, async () => {
      const rows = (await rowsOf(schema).catch(() => [])).map(({ id, vote_count, trend_sum }) => ({ id, vote_count, trend_sum }));
      return JSON.stringify(rows) === JSON.stringify([...expected].sort((a, b) => a.id.localeCompare(b.id)));
    });
  }

  /** Every request listed (merged ones are not), as triage ranks them: by trendAt at one time after the latest vote, then newest first. */
  async function trendOrder(client: IntakeTestBed['client'], halfLifeMs: number): Promise<string[]> {
    const newest = (await client.call('listFeatureRequests', { sort: Sort.FEATURE_REQUEST_SORT_NEWEST, pageSize: 100 }, couple())).featureRequests.map((r) => r.id);
    const trend = (requestId: string) => history.votes.trendAt(requestId, halfLifeMs, READ_AT);
    return [...newest].sort((a, b) => trend(b) - trend(a) || newest.indexOf(a) - newest.indexOf(b));
  }

  async function pageThrough(client: IntakeTestBed['client'], pageSize: number): Promise<{ ids: string[]; tokens: string[] }> {
    const ids: string[] = [];
    const tokens: string[] = [];
    let pageToken = '';
    do {
      const page = await client.call('listFeatureRequests', { sort: Sort.FEATURE_REQUEST_SORT_TRENDING, pageSize, pageToken }, couple());
      ids.push(...page.featureRequests.map((r) => r.id));
      pageToken = page.nextPageToken;
      if (pageToken) tokens.push(pageToken);
    } while (pageToken !== '');
    return { ids, tokens };
  }

  it('holds per request the exact sum of the trend terms of the votes that count, whatever became of them', async () => {
    const rows = new Map((await rowsOf(schemas.readModel)).map((row) => [row.id, row]));
    for (const name of NAMES) {
      expect({ name, trendSum: rows.get(id[name])?.trend_sum }).toEqual({ name, trendSum: history.votes.termSum(id[name], DEFAULT_TREND_HALF_LIFE_MS).toString() });
    }
    expect(rows.get(id.quiet)?.trend_sum).toBe('0');
    expect(rows.get(id.mergedAway)?.trend_sum).toBe('0');
  });

  it('ranks trending in the order of triage’s trendAt over the same votes, newest first among equal trends', async () => {
    const listed = await bed.client.call('listFeatureRequests', { sort: Sort.FEATURE_REQUEST_SORT_TRENDING, pageSize: 100 }, couple());
    const expected = await trendOrder(bed.client, DEFAULT_TREND_HALF_LIFE_MS);
    expect(listed.featureRequests.map((r) => r.id)).toEqual(expected);
    // The case worth a sort of its own: two fresh votes outrank three older ones.
    expect(expected.indexOf(id.fresh)).toBeLessThan(expected.indexOf(id.steady));
    expect(history.votes.countedVotes(id.steady)).toBeGreaterThan(history.votes.countedVotes(id.fresh));
    expect(expected.slice(-2)).toEqual([id.silent, id.quiet]);
    expect(expected).not.toContain(id.mergedAway);
  });

  it('pages through trending with page tokens, every request once and in that order', async () => {
    const expected = await trendOrder(bed.client, DEFAULT_TREND_HALF_LIFE_MS);
    for (const pageSize of [1, 2, 3]) expect((await pageThrough(bed.client, pageSize)).ids).toEqual(expected);
  });

  it('with another half-life (an hour) ranks by that trend, its pages’ tokens still small although the sums have thousands of digits', async () => {
    const hourly = await startIntakeTestBed(postgres.db, { eventStoreSchema: schemas.events, readModelSchema: schemas.hourly, trendHalfLifeMs: HOUR });
    beds.push(hourly);
    await untilProjected(schemas.hourly, HOUR);
    const expected = await trendOrder(hourly.client, HOUR);
    expect(expected).not.toEqual(await trendOrder(bed.client, DEFAULT_TREND_HALF_LIFE_MS));
    const { ids, tokens } = await pageThrough(hourly.client, 2);
    expect(ids).toEqual(expected);
    const longestSum = Math.max(...(await rowsOf(schemas.hourly)).map((row) => row.trend_sum.length));
    expect(longestSum).toBeGreaterThan(10_000);
    expect(Math.max(...tokens.map((token) => token.length))).toBeLessThan(MAX_PAGE_TOKEN_LENGTH / 2);
  });

  it('refuses to start on a read model built with another half-life, naming the cause and the fix, and leaves its rows alone', async () => {
    const before = await rowsOf(schemas.readModel);
    const start = startIntakeTestBed(postgres.db, { eventStoreSchema: schemas.events, readModelSchema: schemas.readModel, trendHalfLifeMs: 2 * DAY });
    await expect(start).rejects.toThrow(TrendHalfLifeMismatchError);
    await expect(start).rejects.toThrow(
      `The intake read model in schema ${schemas.readModel} adds up trends with a half-life of 7d, but FRM_TREND_HALF_LIFE is 2d: set FRM_TREND_HALF_LIFE=7d again, ` +
        `or rebuild the read model with the new half-life (drop schema ${schemas.readModel} while intake is stopped; it is rebuilt from the events at the next start)`,
    );
    expect(await rowsOf(schemas.readModel)).toEqual(before);
  });

  // Last: it swaps rebuilt copies in.
  it('rebuilds from the events in batches of any size into the same trend_sum digits', async () => {
    const before = await rowsOf(schemas.readModel);
    const terms = () => postgres.db.query(`select vote_id::text, feature_request_id::text, term::text, counted from ${projectionSchema(schemas.readModel).table('vote_terms')} order by vote_id`);
    const termsBefore = await terms();
    expect(termsBefore.length).toBeGreaterThan(20);
    for (const batchSize of [1, 3, 1_000]) {
      const rebuilder = new ProjectionRebuilder({ projection: featureRequestsProjection, eventStore: store, db: postgres.db, schema: schemas.readModel, batchSize });
      const result = await rebuilder.rebuild({ verify: { acceptDifferences: false } });
      expect({ batchSize, matches: result.verification?.matches }).toEqual({ batchSize, matches: true });
      expect(await rowsOf(schemas.readModel)).toEqual(before);
      expect(await terms()).toEqual(termsBefore);
    }
    expect((await pageThrough(bed.client, 2)).ids).toEqual(await trendOrder(bed.client, DEFAULT_TREND_HALF_LIFE_MS));
  });
});
