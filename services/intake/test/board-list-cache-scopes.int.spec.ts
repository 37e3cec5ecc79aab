import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { frmV1 } from '@frm/contracts';
import { openPostgresEventStore, type EventStore } from '@frm/event-store';
import { createMetricsRegistry } from '@frm/metrics';
import { quoteIdent } from '@frm/postgres';
import { projectionSchema } from '@frm/projections';
import { invalidateProjectionCaches } from '@frm/read-cache';
import { testRedisCacheStore, type TestRedisCacheStore } from '@frm/read-cache/testing';
import { testPostgres, waitUntil, type TestPostgres } from '@frm/testing';
import type { FeatureRequestSort } from '../src/feature-requests/queries/list-feature-requests/feature-request-filter';
import { listFeatureRequestsSql, type ListedFeatureRequestRow } from '../src/feature-requests/queries/list-feature-requests/list-feature-requests.sql';
import { couple, startIntakeTestBed, type IntakeTestBed } from './support/intake-test-bed';
import { ShadowingCacheStore } from './support/shadowing-cache-store';
import { VotingHistory } from './support/voting-history';

const SORTS: readonly FeatureRequestSort[] = ['new', 'top', 'trending'];
const SORT_NAMES = { new: 'FEATURE_REQUEST_SORT_NEWEST', top: 'FEATURE_REQUEST_SORT_TOP', trending: 'FEATURE_REQUEST_SORT_TRENDING' } as const;
const PAGE_SIZE = 2;
/** The votes' allowance (lists follow votes within 500 ms), and room for a busy machine. */
const VOTE_LAG_MS = 500 + 500;

/** An answer by the rows it shows and where it goes on: the same on the wire and in the cache. */
const answerOf = (ids: readonly string[], nextPageToken: string) => `${ids.join(',')}|${nextPageToken}`;

/**
 * Which cached board pages a change makes stale (real Postgres, real Redis): a submission only the
 * pages it can enter, and after any acknowledged write no page is served that the database no
 * longer gives; votes reach every page within their allowance.
 */
describe('board list pages invalidated by what can change them', () => {
  let server: TestPostgres;
  let redisStore: TestRedisCacheStore;
  let store: ShadowingCacheStore;
  let bed: IntakeTestBed;
  let eventStore: EventStore;
  let votes: VotingHistory;
  let schemas: string[];
  const ids: string[] = [];
  const tokensSeen = new Map<FeatureRequestSort, Set<string>>(SORTS.map((sort) => [sort, new Set([''])]));

  beforeAll(async () => {
    server = await testPostgres({ prefix: 'intake_scopes' });
    schemas = [`${server.schema}_events`, `${server.schema}_read_model`];
    redisStore = testRedisCacheStore();
    store = new ShadowingCacheStore(redisStore.store, (value) => {
      const page = frmV1.ListFeatureRequestsResponse.decode(value);
      return answerOf(page.featureRequests.map((request) => request.id), page.nextPageToken);
    });
    bed = await startIntakeTestBed(server.db, { eventStoreSchema: schemas[0], readModelSchema: schemas[1], cacheStore: store, metricsRegistry: createMetricsRegistry({ processMetrics: false }) });
    eventStore = await openPostgresEventStore(server.db, { schema: schemas[0] as string });
    votes = new VotingHistory(eventStore);
  });

  afterAll(async () => {
    await bed?.close();
    await eventStore?.close();
    await redisStore?.close();
    if (server) {
      for (const schema of schemas) await server.db.exec(`drop schema if exists ${quoteIdent(schema)} cascade`);
      await server.cleanup();
    }
  });

  const list = (sort: FeatureRequestSort, pageToken = '') => bed.client.call('listFeatureRequests', { sort: SORT_NAMES[sort] as never, pageSize: PAGE_SIZE, pageToken }, couple());
  const submit = async (title: string) => {
    const submitted = await bed.client.call('submitFeatureRequest', { requestId: randomUUID(), title, category: 'guest-management' }, couple());
    ids.push(submitted.id);
    return submitted.id;
  };
  const shown = (page: frmV1.ListFeatureRequestsResponse) => page.featureRequests.map((request) => `${request.id}:${request.voteCount}:${request.commentCount}`);

  /** The page as the database gives it now, by the same query without the cache. */
  const truth = async (sort: FeatureRequestSort, pageToken: string) => {
    const after = pageToken === '' ? undefined : (JSON.parse(Buffer.from(pageToken.split('.')[0] as string, 'base64url').toString()) as { a: string[] }).a;
    const filter = { statuses: [], category: undefined, tag: undefined, authorId: undefined, query: undefined, sort };
    const { sql, params } = listFeatureRequestsSql(projectionSchema(schemas[1] as string), filter, after, PAGE_SIZE);
    const rows = await server.db.query<ListedFeatureRequestRow>(sql, params);
    return rows.slice(0, PAGE_SIZE).map((row) => `${row.id}:${row.vote_count}:${row.comment_count}`);
  };

  /** Every page of a sort, first to last. */
  const pagesOf = async (sort: FeatureRequestSort) => {
    const pages: Array<{ token: string; page: frmV1.ListFeatureRequestsResponse }> = [];
    let token = '';
    do {
      const page = await list(sort, token);
      pages.push({ token, page });
      token = page.nextPageToken;
    } while (token !== '');
    return pages;
  };

  /** Every page of every sort, and every page token handed out so far, answers as the database does. */
  const expectEveryPageAsTheDatabase = async () => {
    for (const sort of SORTS) {
      for (const { page } of await pagesOf(sort)) if (page.nextPageToken !== '') tokensSeen.get(sort)?.add(page.nextPageToken);
      for (const token of tokensSeen.get(sort) ?? []) {
        const page = await list(sort, token);
        expect({ sort, token, shown: shown(page) }).toEqual({ sort, token, shown: await truth(sort, token) });
      }
    }
  };

  const votesProjected = (counts: ReadonlyMap<string, number>) =>
    waitUntil('the votes are projected', async () => {
      const rows = await server.db.query<{ id: string; vote_count: string }>(`select id::text, vote_count::text from ${projectionSchema(schemas[1] as string).table('feature_requests')}`);
      return rows.every((row) => Number(row.vote_count) === (counts.get(row.id) ?? 0));
    });

  /** Every page of every sort, read with copies kept to tell later whether each went stale. */
  const recordedPages = async () => {
    // Read from the database, each page stored (and copied) anew.
    await invalidateProjectionCaches(store, 'feature_requests');
    store.startRecording();
    const pages = new Map<FeatureRequestSort, string[]>();
    for (const sort of SORTS) pages.set(sort, (await pagesOf(sort)).map(({ page }) => answerOf(page.featureRequests.map((request) => request.id), page.nextPageToken)));
    store.stopRecording();
    return pages;
  };
  const freshOf = (pages: Map<FeatureRequestSort, string[]>, sort: FeatureRequestSort) => Promise.all((pages.get(sort) ?? []).map((answer) => store.stillFresh(answer)));
  const rowsOf = (pages: Map<FeatureRequestSort, string[]>, sort: FeatureRequestSort) => pages.get(sort)?.map((answer) => answer.split('|')[0]);

  it('makes stale the pages a submission can enter, and keeps every other page', async () => {
    // Newest: F E | D C | B A. Top and trending: A(3) B(2) | C(1) F(0) | E(0) D(0).
    for (const title of ['A', 'B', 'C', 'D', 'E', 'F']) await submit(`Request ${title}`);
    const [a, b, c] = ids as [string, string, string];
    const counts = new Map([
      [a, 3],
      [b, 2],
      [c, 1],
    ]);
    for (const [id, count] of counts) for (let i = 0; i < count; i++) await votes.cast(id, randomUUID(), Date.now());
    await votesProjected(counts);
    await sleep(VOTE_LAG_MS);

    const before = await recordedPages();
    expect(rowsOf(before, 'new')).toEqual([`${ids[5]},${ids[4]}`, `${ids[3]},${ids[2]}`, `${ids[1]},${ids[0]}`]);
    expect(rowsOf(before, 'top')).toEqual([`${a},${b}`, `${c},${ids[5]}`, `${ids[4]},${ids[3]}`]);
    expect(rowsOf(before, 'trending')).toEqual(rowsOf(before, 'top'));

    const g = await submit('Request G');
    // Acknowledged once applied (or after a timeout on a busy machine): the newest page shows it then.
    await waitUntil('the newest page shows the new request', async () => (await list('new')).featureRequests[0]?.id === g);

    // The newest first page takes it in; later pages continue after their cursor and keep their rows.
    expect(await freshOf(before, 'new')).toEqual([false, true, true]);
    // With no votes it enters top and trending after the requests with votes, first of those
    // without: only the page that takes it in goes.
    expect(await freshOf(before, 'top')).toEqual([true, false, true]);
    expect(await freshOf(before, 'trending')).toEqual([true, false, true]);
    await expectEveryPageAsTheDatabase();
  });

  it('makes stale, within the votes’ allowance, the pages showing a voted request and those it moves into, and keeps every other page', async () => {
    // Newest: G F | E D | C B | A. Top and trending: A(3) B(2) | C(1) G(0) | F(0) E(0) | D(0).
    const [a, b, c, d, e, f, g] = ids as [string, string, string, string, string, string, string];
    const before = await recordedPages();
    expect(rowsOf(before, 'new')).toEqual([`${g},${f}`, `${e},${d}`, `${c},${b}`, a]);
    expect(rowsOf(before, 'top')).toEqual([`${a},${b}`, `${c},${g}`, `${f},${e}`, d]);
    expect(rowsOf(before, 'trending')).toEqual(rowsOf(before, 'top'));

    await votes.cast(d, randomUUID(), Date.now());
    // One invalidation for the votes gathered: once a page shows the vote, it is made.
    const voteShows = async () => (await pagesOf('new')).some(({ page }) => page.featureRequests.some((request) => request.id === d && request.voteCount === '1'));
    await waitUntil('the vote shows on the board', voteShows, { timeoutMs: VOTE_LAG_MS * 5 });

    // Its count shows on one newest page; nothing moves there.
    expect(await freshOf(before, 'new')).toEqual([true, false, true, true]);
    // With one vote it leaves the last page for the second, past the requests without votes.
    expect(await freshOf(before, 'top')).toEqual([true, false, true, false]);
    expect(await freshOf(before, 'trending')).toEqual([true, false, true, false]);
    await expectEveryPageAsTheDatabase();
  });

  it('never serves a page that an acknowledged submission or comment changed', async () => {
    for (let step = 0; step < 6; step++) {
      if (step % 2 === 0) await submit(`Request ${step}`);
      else await bed.client.call('addComment', { requestId: randomUUID(), featureRequestId: ids[(step * 5) % ids.length] as string, body: `Comment ${step}` }, couple());
      await expectEveryPageAsTheDatabase();
    }
  });

  it('shows votes on every page, in every order, within the votes’ allowance', async () => {
    const counts = new Map<string, number>();
    for (const row of await server.db.query<{ id: string; vote_count: string }>(`select id::text, vote_count::text from ${projectionSchema(schemas[1] as string).table('feature_requests')}`)) {
      counts.set(row.id, Number(row.vote_count));
    }
    for (let i = 0; i < 8; i++) {
      const id = ids[(i * 7) % ids.length] as string;
      await votes.cast(id, randomUUID(), Date.now());
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    await votesProjected(counts);
    await sleep(VOTE_LAG_MS);
    await expectEveryPageAsTheDatabase();
  });
});
