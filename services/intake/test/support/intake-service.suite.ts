import { randomUUID } from 'node:crypto';
import { status, type ServiceError } from '@grpc/grpc-js';
import { frmV1 } from '@frm/contracts';
import { openPostgresEventStore } from '@frm/event-store';
import type { SqlDatabase } from '@frm/postgres';
import { ProjectionRebuilder } from '@frm/projections';
import { waitUntil } from '@frm/testing';
import type { Actor } from '../../src';
import { featureRequestsProjection } from '../../src/feature-requests/read-model/feature-requests.projection';
import type { IntakeClient } from './intake-client';
import { couple, productManager, startIntakeTestBed, supplier, type IntakeTestBed, type IntakeTestBedOptions } from './intake-test-bed';
import { VotingHistory } from './voting-history';

const { FeatureRequestStatus: Status, FeatureRequestSort: Sort } = frmV1;

export interface SuiteDatabase {
  db: SqlDatabase;
  options?: IntakeTestBedOptions;
  cleanup(): Promise<void>;
}

/** The intake service end to end over gRPC, on the database `open` gives. */
export function describeIntakeService(engine: string, open: () => Promise<SuiteDatabase>): void {
  describe(`intake service over gRPC on ${engine}`, () => {
    let database: SuiteDatabase;
    let bed: IntakeTestBed;
    let client: IntakeClient;

    beforeAll(async () => {
      database = await open();
      bed = await startIntakeTestBed(database.db, database.options);
      client = bed.client;
    });

    afterAll(async () => {
      await bed?.close();
      await database?.cleanup();
    });

    const submit = (author: Actor, request: Partial<frmV1.SubmitFeatureRequestRequest> = {}) =>
      client.call('submitFeatureRequest', { title: 'Seating plan export', category: 'guest-management', ...request }, author);

    /** Runs `act` and checks that it failed with `code` and appended nothing. */
    async function refused(code: status, act: () => Promise<ServiceError>): Promise<ServiceError> {
      const before = (await bed.allEvents()).length;
      const error = await act();
      expect({ code: status[error.code], details: error.details }).toMatchObject({ code: status[code] });
      expect((await bed.allEvents()).length).toBe(before);
      return error;
    }

    describe('submit, get and list', () => {
      it('submits a request, then gets it and finds it in the list at once', async () => {
        const author = supplier();
        const submitted = await submit(author, {
          title: '  Export the seating plan as PDF ',
          description: 'Venues print the plan for the tables on the day.',
          tags: ['Seating', 'export', 'seating'],
          weddingContext: { supplierType: 'venue', weddingDate: '2026-06-20' },
        });

        expect(submitted).toMatchObject({
          title: 'Export the seating plan as PDF',
          category: 'guest-management',
          tags: ['seating', 'export'],
          status: Status.FEATURE_REQUEST_STATUS_SUBMITTED,
          authorId: author.subject,
          weddingContext: { supplierType: 'venue', weddingDate: '2026-06-20' },
          voteCount: '0',
          commentCount: '0',
        });
        expect(submitted.id).toMatch(/^[0-9a-f-]{36}$/);
        const got = await client.call('getFeatureRequest', { featureRequestId: submitted.id }, couple());
        expect(got).toEqual(submitted);
        const listed = await client.call('listFeatureRequests', { authorId: author.subject }, couple());
        expect(listed.featureRequests).toEqual([submitted]);
        expect(listed.nextPageToken).toBe('');
      });

      it('records one request for a submit retried with the same request_id', async () => {
        const author = couple();
        const requestId = randomUUID();
        const before = (await bed.allEvents()).length;

        const first = await submit(author, { requestId, title: 'Guest list import from a spreadsheet' });
        const retried = await submit(author, { requestId, title: 'Guest list import from a spreadsheet' });

        expect(retried).toEqual(first);
        const events = (await bed.allEvents()).slice(before);
        expect(events.map((event) => event.type)).toEqual(['frm.events.v1.FeatureRequestSubmitted']);
        expect(events[0]?.metadata).toMatchObject({ actor: author.subject, schemaVersion: 1 });
        expect((await client.call('listFeatureRequests', { authorId: author.subject }, author)).featureRequests).toHaveLength(1);
      });

      it('stores the event as canonical proto3 JSON in its stream', async () => {
        const submitted = await submit(couple(), { title: 'Dietary needs per guest', category: 'guest-management' });
        const event = (await bed.allEvents()).find((e) => e.streamId === `feature-request-${submitted.id}`);
        expect(event?.data).toMatchObject({ featureRequestId: submitted.id, title: 'Dietary needs per guest', category: 'guest-management' });
        expect(typeof event?.data['occurredAt']).toBe('string');
      });
    });

    describe('bad input is INVALID_ARGUMENT naming the field, and appends nothing', () => {
      it.each([
        ['title', { title: '   ' }],
        ['title', { title: 'x'.repeat(141) }],
        ['description', { description: 'y'.repeat(10_001) }],
        ['category', { category: 'weather-control' }],
        ['tags[0]', { tags: ['not a tag!'] }],
        ['tags', { tags: Array.from({ length: 11 }, (_, i) => `tag-${i}`) }],
        ['wedding_context.wedding_date', { weddingContext: { supplierType: '', weddingDate: '2026-02-30' } }],
        ['wedding_context.supplier_type', { weddingContext: { supplierType: 'astronaut', weddingDate: '' } }],
        ['request_id', { requestId: 'not-a-uuid' }],
      ])('%s', async (field, request) => {
        const error = await refused(status.INVALID_ARGUMENT, () =>
          client.failure('submitFeatureRequest', { title: 'A fine title', category: 'payments', ...request }, couple()),
        );
        expect(error.details).toContain(`${field}:`);
        expect(error.metadata.get('frm-field')).toContain(field);
      });

      it('names every bad field at once', async () => {
        const error = await refused(status.INVALID_ARGUMENT, () =>
          client.failure('submitFeatureRequest', { title: '', category: '' }, couple()),
        );
        // grpc-js joins the values of a repeated trailer with ", ".
        expect(error.metadata.get('frm-field').join(', ')).toBe('title, category');
      });

      it.each([
        ['getFeatureRequest', { featureRequestId: 'fr-1' }, 'feature_request_id'],
        ['listComments', { featureRequestId: '' }, 'feature_request_id'],
        ['editFeatureRequest', { featureRequestId: '123', title: 'New' }, 'feature_request_id'],
        ['addComment', { featureRequestId: 'nope', body: 'Hello' }, 'feature_request_id'],
        ['listFeatureRequests', { authorId: 'someone' }, 'author_id'],
        ['listFeatureRequests', { category: 'weather-control' }, 'category'],
        ['listFeatureRequests', { pageSize: -1 }, 'page_size'],
        ['listFeatureRequests', { statuses: [Status.FEATURE_REQUEST_STATUS_UNSPECIFIED] }, 'statuses[0]'],
        ['listFeatureRequests', { query: 'q'.repeat(201) }, 'query'],
      ] as const)('%s with a bad %s', async (rpc, request, field) => {
        // The table mixes request types; each row's request is its RPC's.
        const error = await refused(status.INVALID_ARGUMENT, () => client.failure(rpc, request as never, couple()));
        expect(error.details).toContain(`${field}:`);
      });
    });

    describe('who may call', () => {
      it('refuses a call without a caller with UNAUTHENTICATED, before anything else', async () => {
        await refused(status.UNAUTHENTICATED, () => client.failure('submitFeatureRequest', { title: 'Anonymous' }, null));
        await refused(status.UNAUTHENTICATED, () => client.failure('listFeatureRequests', {}, null));
        await refused(status.UNAUTHENTICATED, () =>
          client.failure('getFeatureRequest', { featureRequestId: randomUUID() }, { metadata: { 'x-frm-subject': 'alice', 'x-frm-roles': 'couple' } }),
        );
      });

      it('refuses a caller without a known role with PERMISSION_DENIED', async () => {
        const error = await refused(status.PERMISSION_DENIED, () =>
          client.failure('submitFeatureRequest', { title: 'Hello', category: 'payments' }, { metadata: { 'x-frm-subject': randomUUID(), 'x-frm-roles': 'guest' } }),
        );
        expect(error.details).toContain('couple, supplier, product, admin');
      });

      it('lets only the product team change a status or merge', async () => {
        const request = await submit(couple());
        const other = await submit(couple());
        for (const caller of [couple(), supplier()]) {
          const error = await refused(status.PERMISSION_DENIED, () =>
            client.failure('changeStatus', { featureRequestId: request.id, status: Status.FEATURE_REQUEST_STATUS_UNDER_REVIEW }, caller),
          );
          expect(error.details).toContain('product, admin');
          await refused(status.PERMISSION_DENIED, () =>
            client.failure('mergeFeatureRequest', { sourceFeatureRequestId: request.id, targetFeatureRequestId: other.id }, caller),
          );
        }
      });

      it('lets the author or the product team edit, nobody else', async () => {
        const author = couple();
        const request = await submit(author, { title: 'Table names' });

        await refused(status.PERMISSION_DENIED, () => client.failure('editFeatureRequest', { featureRequestId: request.id, title: 'Mine now' }, supplier()));
        const byAuthor = await client.call('editFeatureRequest', { featureRequestId: request.id, title: 'Named tables' }, author);
        const byStaff = await client.call('editFeatureRequest', { featureRequestId: request.id, tags: { values: ['seating'] } }, productManager());

        expect(byAuthor.title).toBe('Named tables');
        expect(byStaff).toMatchObject({ title: 'Named tables', tags: ['seating'] });
        expect(await client.call('getFeatureRequest', { featureRequestId: request.id }, author)).toMatchObject({
          title: 'Named tables',
          tags: ['seating'],
        });
      });
    });

    describe('unknown ids are NOT_FOUND', () => {
      const unknown = randomUUID();
      it.each([
        ['getFeatureRequest', { featureRequestId: unknown }, couple()],
        ['listComments', { featureRequestId: unknown }, couple()],
        ['editFeatureRequest', { featureRequestId: unknown, title: 'New title' }, couple()],
        ['addComment', { featureRequestId: unknown, body: 'Me too' }, couple()],
        ['changeStatus', { featureRequestId: unknown, status: Status.FEATURE_REQUEST_STATUS_UNDER_REVIEW }, productManager()],
      ] as const)('%s', async (rpc, request, caller) => {
        const error = await refused(status.NOT_FOUND, () => client.failure(rpc, request, caller));
        expect(error.details).toBe(`feature request ${unknown} was not found`);
      });

      it('mergeFeatureRequest into an unknown target', async () => {
        const source = await submit(couple());
        const error = await refused(status.NOT_FOUND, () =>
          client.failure('mergeFeatureRequest', { sourceFeatureRequestId: source.id, targetFeatureRequestId: unknown }, productManager()),
        );
        expect(error.details).toContain(unknown);
      });
    });

    describe('lifecycle', () => {
      it('moves a request along submitted → under review → planned → in progress → shipped, and no further', async () => {
        const author = couple();
        const request = await submit(author);
        const staff = productManager();
        const move = (to: frmV1.FeatureRequestStatus, reason = '') =>
          client.call('changeStatus', { featureRequestId: request.id, status: to, reason }, staff);

        await refused(status.FAILED_PRECONDITION, () =>
          client.failure('changeStatus', { featureRequestId: request.id, status: Status.FEATURE_REQUEST_STATUS_PLANNED }, staff),
        );
        await move(Status.FEATURE_REQUEST_STATUS_UNDER_REVIEW);
        await move(Status.FEATURE_REQUEST_STATUS_PLANNED);
        await move(Status.FEATURE_REQUEST_STATUS_IN_PROGRESS);
        const shipped = await move(Status.FEATURE_REQUEST_STATUS_SHIPPED, 'Live in the planning app');

        expect(shipped).toMatchObject({ status: Status.FEATURE_REQUEST_STATUS_SHIPPED, statusReason: 'Live in the planning app' });
        expect(await client.call('getFeatureRequest', { featureRequestId: request.id }, author)).toMatchObject({
          status: Status.FEATURE_REQUEST_STATUS_SHIPPED,
        });
        const error = await refused(status.FAILED_PRECONDITION, () =>
          client.failure('changeStatus', { featureRequestId: request.id, status: Status.FEATURE_REQUEST_STATUS_DECLINED }, staff),
        );
        expect(error.details).toContain('final');
        await refused(status.FAILED_PRECONDITION, () => client.failure('editFeatureRequest', { featureRequestId: request.id, title: 'Too late' }, author));

        const history = await client.call('listStatusHistory', { featureRequestId: request.id }, author);
        expect(history.changes.map((change) => [change.status, change.reason, change.changedBy])).toEqual([
          [Status.FEATURE_REQUEST_STATUS_SUBMITTED, '', author.subject],
          [Status.FEATURE_REQUEST_STATUS_UNDER_REVIEW, '', staff.subject],
          [Status.FEATURE_REQUEST_STATUS_PLANNED, '', staff.subject],
          [Status.FEATURE_REQUEST_STATUS_IN_PROGRESS, '', staff.subject],
          [Status.FEATURE_REQUEST_STATUS_SHIPPED, 'Live in the planning app', staff.subject],
        ]);
        const times = history.changes.map((change) => Number(change.changeTime?.seconds));
        expect(times).toEqual([...times].sort((a, b) => a - b));
      });

      it('answers a status history only for a well-formed id of a request that exists', async () => {
        await refused(status.INVALID_ARGUMENT, () => client.failure('listStatusHistory', { featureRequestId: 'nope' }, couple()));
        await refused(status.NOT_FOUND, () => client.failure('listStatusHistory', { featureRequestId: randomUUID() }, couple()));
      });

      it('declines an open request, and refuses MERGED or UNSPECIFIED as a status', async () => {
        const request = await submit(couple());
        const staff = productManager();
        for (const bad of [Status.FEATURE_REQUEST_STATUS_MERGED, Status.FEATURE_REQUEST_STATUS_UNSPECIFIED]) {
          const error = await refused(status.INVALID_ARGUMENT, () =>
            client.failure('changeStatus', { featureRequestId: request.id, status: bad }, staff),
          );
          expect(error.details).toContain('status:');
        }
        const declined = await client.call(
          'changeStatus',
          { featureRequestId: request.id, status: Status.FEATURE_REQUEST_STATUS_DECLINED, reason: 'Out of scope' },
          staff,
        );
        expect(declined.status).toBe(Status.FEATURE_REQUEST_STATUS_DECLINED);
      });
    });

    describe('merging', () => {
      it('marks the source merged into the target, and keeps it out of the default list', async () => {
        const author = couple();
        const target = await submit(author, { title: 'Seating chart' });
        const source = await submit(author, { title: 'Seating plan' });
        const staff = productManager();

        const merged = await client.call(
          'mergeFeatureRequest',
          { sourceFeatureRequestId: source.id, targetFeatureRequestId: target.id, reason: 'Same request' },
          staff,
        );

        expect(merged).toMatchObject({ id: source.id, status: Status.FEATURE_REQUEST_STATUS_MERGED, mergedIntoId: target.id });
        const history = await client.call('listStatusHistory', { featureRequestId: source.id }, author);
        expect(history.changes.at(-1)).toMatchObject({ status: Status.FEATURE_REQUEST_STATUS_MERGED, reason: 'Same request', changedBy: staff.subject, mergedIntoId: target.id });
        const listed = await client.call('listFeatureRequests', { authorId: author.subject }, author);
        expect(listed.featureRequests.map((r) => r.id)).toEqual([target.id]);
        const mergedOnly = await client.call('listFeatureRequests', { authorId: author.subject, statuses: [Status.FEATURE_REQUEST_STATUS_MERGED] }, author);
        expect(mergedOnly.featureRequests.map((r) => r.id)).toEqual([source.id]);

        const other = await submit(author);
        await refused(status.FAILED_PRECONDITION, () =>
          client.failure('mergeFeatureRequest', { sourceFeatureRequestId: source.id, targetFeatureRequestId: other.id }, staff),
        );
        await refused(status.FAILED_PRECONDITION, () =>
          client.failure('mergeFeatureRequest', { sourceFeatureRequestId: other.id, targetFeatureRequestId: source.id }, staff),
        );
        await refused(status.FAILED_PRECONDITION, () => client.failure('addComment', { featureRequestId: source.id, body: 'Hello?' }, author));
      });

      it('refuses to merge a request into itself', async () => {
        const request = await submit(couple());
        const error = await refused(status.INVALID_ARGUMENT, () =>
          client.failure('mergeFeatureRequest', { sourceFeatureRequestId: request.id, targetFeatureRequestId: request.id }, productManager()),
        );
        expect(error.details).toContain('target_feature_request_id:');
      });

      it('undoes a merge: the source is back in its former status and list, and can be merged again', async () => {
        const author = couple();
        const staff = productManager();
        const target = await submit(author, { title: 'Seating chart' });
        const source = await submit(author, { title: 'Table plan' });
        await client.call('changeStatus', { featureRequestId: source.id, status: Status.FEATURE_REQUEST_STATUS_UNDER_REVIEW }, staff);
        await client.call('mergeFeatureRequest', { sourceFeatureRequestId: source.id, targetFeatureRequestId: target.id, reason: 'Same request' }, staff);

        const retry = { featureRequestId: source.id, reason: 'Tables are not seats', requestId: randomUUID() };
        const unmerged = await client.call('unmergeFeatureRequest', retry, staff);
        expect(unmerged).toMatchObject({ id: source.id, status: Status.FEATURE_REQUEST_STATUS_UNDER_REVIEW, mergedIntoId: '' });
        expect(await client.call('unmergeFeatureRequest', retry, staff)).toEqual(unmerged);
        expect(await client.call('getFeatureRequest', { featureRequestId: source.id }, author)).toMatchObject({
          status: Status.FEATURE_REQUEST_STATUS_UNDER_REVIEW,
          mergedIntoId: '',
        });
        const history = await client.call('listStatusHistory', { featureRequestId: source.id }, author);
        expect(history.changes.slice(-2)).toMatchObject([
          { status: Status.FEATURE_REQUEST_STATUS_MERGED, mergedIntoId: target.id, unmergedFromId: '' },
          { status: Status.FEATURE_REQUEST_STATUS_UNDER_REVIEW, reason: 'Tables are not seats', changedBy: staff.subject, unmergedFromId: target.id },
        ]);
        const listed = await client.call('listFeatureRequests', { authorId: author.subject }, author);
        expect(listed.featureRequests.map((r) => r.id).sort()).toEqual([source.id, target.id].sort());
        await client.call('addComment', { featureRequestId: source.id, body: 'Open again' }, author);
        const again = await client.call('mergeFeatureRequest', { sourceFeatureRequestId: source.id, targetFeatureRequestId: target.id, reason: 'After all' }, staff);
        expect(again.status).toBe(Status.FEATURE_REQUEST_STATUS_MERGED);
      });

      it('refuses to undo a merge that is not there, a chain from the wrong end, or for anyone but the product team, appending nothing', async () => {
        const staff = productManager();
        const first = await submit(couple());
        const middle = await submit(couple());
        const last = await submit(couple());
        const open = await refused(status.FAILED_PRECONDITION, () => client.failure('unmergeFeatureRequest', { featureRequestId: first.id }, staff));
        expect(open.details).toBe(`feature request ${first.id} is submitted, not merged; there is no merge to undo`);
        await client.call('mergeFeatureRequest', { sourceFeatureRequestId: first.id, targetFeatureRequestId: middle.id }, staff);
        await client.call('mergeFeatureRequest', { sourceFeatureRequestId: middle.id, targetFeatureRequestId: last.id }, staff);
        const chained = await refused(status.FAILED_PRECONDITION, () => client.failure('unmergeFeatureRequest', { featureRequestId: first.id }, staff));
        expect(chained.details).toContain('undo that merge first');
        for (const caller of [couple(), supplier()]) {
          await refused(status.PERMISSION_DENIED, () => client.failure('unmergeFeatureRequest', { featureRequestId: middle.id }, caller));
        }
        await refused(status.NOT_FOUND, () => client.failure('unmergeFeatureRequest', { featureRequestId: randomUUID() }, staff));
        const badId = await refused(status.INVALID_ARGUMENT, () => client.failure('unmergeFeatureRequest', { featureRequestId: 'not-an-id' }, staff));
        expect(badId.details).toMatch(/^feature_request_id: /);
        const history = await client.call('listStatusHistory', { featureRequestId: first.id }, staff);
        expect(history.changes.map((change) => change.status)).toEqual([Status.FEATURE_REQUEST_STATUS_SUBMITTED, Status.FEATURE_REQUEST_STATUS_MERGED]);
        // Undone in the right order, the whole chain comes apart.
        await client.call('unmergeFeatureRequest', { featureRequestId: middle.id }, staff);
        expect((await client.call('unmergeFeatureRequest', { featureRequestId: first.id }, staff)).status).toBe(Status.FEATURE_REQUEST_STATUS_SUBMITTED);
      });
    });

    describe('comments', () => {
      it('adds comments, counts them, and lists them oldest first a page at a time', async () => {
        const request = await submit(couple());
        const bodies = ['First!', 'We need this for our venue', 'Same for florists'];
        const added = [];
        for (const body of bodies) added.push(await client.call('addComment', { featureRequestId: request.id, body }, supplier()));
        const staff = productManager();
        const retry = { featureRequestId: request.id, body: 'Retry me', requestId: randomUUID() };
        const retried = await client.call('addComment', retry, staff);
        const again = await client.call('addComment', retry, staff);
        expect(again).toEqual(retried);

        const first = await client.call('listComments', { featureRequestId: request.id, pageSize: 2 }, couple());
        const second = await client.call('listComments', { featureRequestId: request.id, pageSize: 2, pageToken: first.nextPageToken }, couple());

        expect([...first.comments, ...second.comments].map((c) => c.body)).toEqual([...bodies, 'Retry me']);
        expect(first.comments[0]).toEqual(added[0]);
        expect(second.nextPageToken).toBe('');
        expect((await client.call('getFeatureRequest', { featureRequestId: request.id }, couple())).commentCount).toBe('4');
        await refused(status.INVALID_ARGUMENT, () => client.failure('addComment', { featureRequestId: request.id, body: '  ' }, couple()));
      });
    });

    describe('listing', () => {
      let author: Actor;
      let ids: Record<string, string>;

      beforeAll(async () => {
        author = couple();
        ids = {};
        const seeds = [
          ['seating', 'Seating plan export', 'Print the seating chart as PDF', 'guest-management', ['seating', 'export']],
          ['deposits', 'Split deposits', 'Pay the venue deposit in three parts', 'payments', ['deposits']],
          ['reviews', 'Photo reviews', 'Couples add photos to supplier reviews', 'reviews', ['photos']],
          ['budget', 'Budget per supplier', 'Track spending for each supplier', 'budget', ['export']],
          ['guests', 'Guest RSVP reminders', 'Remind guests who have not answered', 'guest-management', []],
        ] as const;
        for (const [key, title, description, category, tags] of seeds) {
          ids[key] = (await submit(author, { title, description, category, tags: [...tags] })).id;
        }
        await client.call('changeStatus', { featureRequestId: ids['deposits'], status: Status.FEATURE_REQUEST_STATUS_UNDER_REVIEW }, productManager());
      });

      const list = (request: Partial<frmV1.ListFeatureRequestsRequest>) =>
        client.call('listFeatureRequests', { authorId: author.subject, ...request }, couple());
      const idsOf = (response: frmV1.ListFeatureRequestsResponse) => response.featureRequests.map((r) => r.id);

      it('lists the newest first by default', async () => {
        expect(idsOf(await list({}))).toEqual(['guests', 'budget', 'reviews', 'deposits', 'seating'].map((k) => ids[k]));
      });

      it('filters by status, category, tag and author', async () => {
        expect(idsOf(await list({ statuses: [Status.FEATURE_REQUEST_STATUS_UNDER_REVIEW] }))).toEqual([ids['deposits']]);
        expect(idsOf(await list({ category: 'guest-management' }))).toEqual([ids['guests'], ids['seating']]);
        expect(idsOf(await list({ tag: 'Export' }))).toEqual([ids['budget'], ids['seating']]);
        expect(idsOf(await list({ authorId: randomUUID() }))).toEqual([]);
      });

      it('searches title and description, with stemming', async () => {
        expect(idsOf(await list({ query: 'seat charts' }))).toEqual([ids['seating']]);
        expect(idsOf(await list({ query: 'deposit' }))).toEqual([ids['deposits']]);
        expect(idsOf(await list({ query: 'supplier' }))).toEqual([ids['budget'], ids['reviews']]);
        expect(idsOf(await list({ query: '"no such words" OR (' }))).toEqual([]);
      });

      it('sorts by top (votes, then newest) and by trending', async () => {
        expect(idsOf(await list({ sort: Sort.FEATURE_REQUEST_SORT_TOP }))).toEqual(idsOf(await list({})));
        expect(idsOf(await list({ sort: Sort.FEATURE_REQUEST_SORT_TRENDING }))).toEqual(idsOf(await list({})));
      });

      it.each([Sort.FEATURE_REQUEST_SORT_NEWEST, Sort.FEATURE_REQUEST_SORT_TOP])('pages through everything once with %s', async (sort) => {
        const seen: string[] = [];
        let pageToken = '';
        let pages = 0;
        do {
          const page = await list({ sort, pageSize: 2, pageToken });
          expect(page.featureRequests.length).toBeLessThanOrEqual(2);
          seen.push(...idsOf(page));
          pageToken = page.nextPageToken;
          pages++;
        } while (pageToken !== '');
        expect(pages).toBe(3);
        expect(seen).toEqual(idsOf(await list({ sort })));
      });

      it('refuses a tampered page token, and one from another query', async () => {
        const { nextPageToken } = await list({ pageSize: 2 });
        const [payload, signature] = nextPageToken.split('.') as [string, string];
        const forged = Buffer.from(Buffer.from(payload, 'base64url').toString().replace(/"a":\["[^"]+"/, '"a":["2000-01-01T00:00:00.000000Z"')).toString('base64url');

        for (const pageToken of [`${forged}.${signature}`, `${payload}.${signature.slice(1)}x`, 'garbage', `${nextPageToken}.extra`]) {
          const error = await client.failure('listFeatureRequests', { authorId: author.subject, pageSize: 2, pageToken }, couple());
          expect({ code: error.code, details: error.details }).toMatchObject({ code: status.INVALID_ARGUMENT, details: expect.stringContaining('page_token:') });
        }
        const otherQuery = await client.failure('listFeatureRequests', { authorId: author.subject, category: 'payments', pageToken: nextPageToken }, couple());
        expect(otherQuery.code).toBe(status.INVALID_ARGUMENT);
        expect(otherQuery.details).toContain('page_token:');
      });
    });

    // Last, so that it replays everything the tests above recorded.
    describe('read model', () => {
      it('is rebuilt from the events alone into the same rows', async () => {
        const eventStore = await openPostgresEventStore(database.db, { schema: database.options?.eventStoreSchema ?? 'event_store' });
        try {
          // A vote as voting appends it, so that every table of the copies holds rows, the trend's terms too.
          const voted = await submit(couple());
          await new VotingHistory(eventStore).cast(voted.id, randomUUID(), Date.now());
          await waitUntil('the vote is projected', async () => (await client.call('getFeatureRequest', { featureRequestId: voted.id }, couple())).voteCount === '1');
          const rebuilder = new ProjectionRebuilder({
            projection: featureRequestsProjection,
            eventStore,
            db: database.db,
            schema: database.options?.readModelSchema,
          });
          const report = await rebuilder.verify();
          expect(report.differences).toEqual([]);
          expect(report.matches).toBe(true);
          expect(report.live.tables.map((table) => table.rows)).not.toContain(0);
        } finally {
          await eventStore.close();
        }
      });
    });
  });
}
