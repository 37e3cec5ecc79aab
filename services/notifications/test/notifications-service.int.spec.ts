import { randomBytes, randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import type { CallerClaims } from '@frm/caller';
import { openPostgresEventStore, type EventStore } from '@frm/event-store';
import { createLogger } from '@frm/logging';
import { InMemorySubjectKeyStore, LocalMasterKeys, PiiCipher } from '@frm/pii';
import { quoteIdent } from '@frm/postgres';
import { testPostgres, waitUntil, type TestPostgres } from '@frm/testing';
import { startNotificationsService, type RunningNotificationsService } from '../src';
import { History } from './support/history';
import { NotificationsClient } from './support/notifications-client';

const person = (roles: CallerClaims['roles'] = ['couple']): CallerClaims => ({ subject: randomUUID(), roles });

describe('notifications service: following and the inbox', () => {
  let postgres: TestPostgres;
  let store: EventStore;
  let history: History;
  let service: RunningNotificationsService;
  let client: NotificationsClient;
  let eventStoreSchema: string;
  const readModelSchemas: string[] = [];

  const start = async (readModelSchema: string, personalData?: PiiCipher) => {
    readModelSchemas.push(readModelSchema);
    return startNotificationsService({ db: postgres.db, logger: createLogger({ service: 'notifications-test', level: 'silent' }), port: 0, eventStoreSchema, readModelSchema, personalData });
  };

  beforeAll(async () => {
    postgres = await testPostgres({ prefix: 'notifications' });
    eventStoreSchema = `${postgres.schema}_events`;
    store = await openPostgresEventStore(postgres.db, { schema: eventStoreSchema });
    history = new History(store);
    service = await start(`${postgres.schema}_read`);
    client = new NotificationsClient(service.address);
  });

  afterAll(async () => {
    client?.close();
    await service?.close();
    await store?.close();
    for (const schema of [eventStoreSchema, ...readModelSchemas, ...readModelSchemas.map((s) => `${s}_delivery`)]) await postgres.db.exec(`drop schema if exists ${quoteIdent(schema)} cascade`);
    await postgres.cleanup();
  });

  const inbox = (as: CallerClaims) => client.call('listNotifications', {}, as);
  const inboxHas = (as: CallerClaims, count: number) => waitUntil(`${count} notification(s) for ${as.subject}`, async () => ((await inbox(as)).notifications.length === count ? inbox(as) : false));

  it('tells the author, the voters and whoever follows when a request moves, never the one who moved it or who unfollowed', async () => {
    const author = person(['supplier']);
    const voter = person();
    const quitter = person();
    const follower = person();
    const staff = person(['product']);
    const requestId = await history.submit(author.subject, 'Seating plan export');
    await history.vote(requestId, voter.subject);
    await history.vote(requestId, quitter.subject);
    expect(await client.call('follow', { requestId: randomUUID(), featureRequestId: requestId }, follower)).toEqual({ featureRequestId: requestId, following: true });
    expect(await client.call('unfollow', { featureRequestId: requestId }, quitter)).toEqual({ featureRequestId: requestId, following: false });
    // Staff who vote or follow are not told of their own change.
    await client.call('follow', { featureRequestId: requestId }, staff);
    await history.changeStatus(requestId, staff.subject, 'submitted', 'planned');

    for (const recipient of [author, voter, follower]) {
      const page = await inboxHas(recipient, 1);
      expect(page.unreadCount).toBe('1');
      expect(page.notifications[0]).toMatchObject({
        kind: 'NOTIFICATION_KIND_STATUS_CHANGED',
        featureRequestId: requestId,
        featureRequestTitle: 'Seating plan export',
        fromStatus: 'FEATURE_REQUEST_STATUS_SUBMITTED',
        toStatus: 'FEATURE_REQUEST_STATUS_PLANNED',
        read: false,
      });
    }
    expect((await inbox(quitter)).notifications).toEqual([]);
    expect((await inbox(staff)).notifications).toEqual([]);
  });

  it('marks notifications read one by one or all at once, keeps later ones unread, and lists unread first', async () => {
    const author = person();
    const staff = person(['product']);
    const requestId = await history.submit(author.subject, 'Guest list import');
    await history.changeStatus(requestId, staff.subject, 'submitted', 'under_review');
    await history.changeStatus(requestId, staff.subject, 'under_review', 'planned');
    const [newest, older] = (await inboxHas(author, 2)).notifications;
    expect(newest?.toStatus).toBe('FEATURE_REQUEST_STATUS_PLANNED');

    expect(await client.call('markRead', { requestId: randomUUID(), notificationIds: [newest?.id as string] }, author)).toEqual({ unreadCount: '1' });
    // Unread first: the older, unread one now leads.
    expect((await inbox(author)).notifications.map((n) => [n.id, n.read])).toEqual([
      [older?.id, false],
      [newest?.id, true],
    ]);
    // Someone else's ids change nothing of theirs.
    expect(await client.call('markRead', { notificationIds: [older?.id as string] }, person())).toEqual({ unreadCount: '0' });
    expect(await client.call('markAllRead', { requestId: randomUUID() }, author)).toEqual({ unreadCount: '0' });
    await history.changeStatus(requestId, staff.subject, 'planned', 'shipped');
    const after = await inboxHas(author, 3);
    expect(after.unreadCount).toBe('1');
    expect(after.notifications[0]).toMatchObject({ kind: 'NOTIFICATION_KIND_SHIPPED', read: false });
  });

  it('tells an author of comments by others on their request, not of their own', async () => {
    const author = person();
    const requestId = await history.submit(author.subject, 'Supplier calendar sync');
    await history.comment(requestId, author.subject);
    await history.comment(requestId, randomUUID());
    const page = await inboxHas(author, 1);
    expect(page.notifications[0]).toMatchObject({ kind: 'NOTIFICATION_KIND_COMMENT', featureRequestId: requestId });
  });

  it('fans a change out to thousands of followers exactly once each, pages through them, and a rebuilt read model holds the same inbox', async () => {
    const staff = person(['product']);
    const requestId = await history.submit(randomUUID(), 'Budget tracker');
    const voters = Array.from({ length: 1_500 }, () => person());
    await Promise.all(voters.map((voter) => history.vote(requestId, voter.subject)));
    await history.changeStatus(requestId, staff.subject, 'submitted', 'planned');
    const someone = voters[700] as CallerClaims;
    await inboxHas(someone, 1);
    const [row] = await postgres.db.query<{ count: string }>(
      `select count(*)::text as count from ${quoteIdent(`${postgres.schema}_read`)}.notifications where feature_request_id = $1`,
      [requestId],
    );
    expect(row?.count).toBe('1501');

    // A second read model built from the same history: the same ids, the same read marks.
    await client.call('markAllRead', {}, someone);
    const rebuilt = await start(`${postgres.schema}_rebuilt`);
    const rebuiltClient = new NotificationsClient(rebuilt.address);
    try {
      const expected = await inbox(someone);
      await waitUntil('the rebuilt inbox caught up', async () => JSON.stringify(await rebuiltClient.call('listNotifications', {}, someone)) === JSON.stringify(expected), { timeoutMs: 60_000 });
    } finally {
      rebuiltClient.close();
      await rebuilt.close();
    }
  }, 120_000);

  it('pages through an inbox with tokens bound to their recipient', async () => {
    const author = person();
    const staff = person(['product']);
    const requestId = await history.submit(author.subject, 'Menu cards');
    const steps = ['submitted', 'under_review', 'planned', 'in_progress', 'shipped'];
    for (let i = 1; i < steps.length; i++) await history.changeStatus(requestId, staff.subject, steps[i - 1] as string, steps[i] as string);
    await inboxHas(author, 4);
    const first = await client.call('listNotifications', { pageSize: 3 }, author);
    expect(first.notifications).toHaveLength(3);
    const second = await client.call('listNotifications', { pageSize: 3, pageToken: first.nextPageToken }, author);
    expect(second.notifications.map((n) => n.toStatus)).toEqual(['FEATURE_REQUEST_STATUS_UNDER_REVIEW']);
    expect(second.nextPageToken).toBe('');
    expect((await client.failure('listNotifications', { pageSize: 3, pageToken: first.nextPageToken }, person())).code).toBe(status.INVALID_ARGUMENT);
  });

  it('forgets an erased person: their inbox and follows go, and their titles read [erased] in others’ inboxes', async () => {
    const author = person();
    const voter = person();
    const staff = person(['product']);
    const requestId = await history.submit(author.subject, 'Photo booth queue');
    await history.vote(requestId, voter.subject);
    await history.changeStatus(requestId, staff.subject, 'submitted', 'planned');
    await inboxHas(author, 1);
    await inboxHas(voter, 1);
    await history.erase(author.subject);
    await waitUntil('the author is forgotten', async () => (await inbox(author)).notifications.length === 0);
    expect((await inbox(voter)).notifications[0]?.featureRequestTitle).toBe('[erased]');
    await history.changeStatus(requestId, staff.subject, 'planned', 'shipped');
    await inboxHas(voter, 2);
    expect((await inbox(author)).notifications).toEqual([]);
  });

  it('shows a staff member’s release note until they are erased, then [erased]', async () => {
    const voter = person();
    const staff = person(['product']);
    const requestId = await history.submit(randomUUID(), 'Honeymoon fund');
    await history.vote(requestId, voter.subject);
    await history.changeStatus(requestId, staff.subject, 'in_progress', 'shipped', 'Shipped with gift links.');
    expect((await inboxHas(voter, 1)).notifications[0]?.note).toBe('Shipped with gift links.');
    await history.erase(staff.subject);
    await waitUntil('the note reads [erased]', async () => (await inbox(voter)).notifications[0]?.note === '[erased]');
  });

  it('refuses bad input with INVALID_ARGUMENT or NOT_FOUND, and records nothing', async () => {
    const someone = person();
    expect((await client.failure('follow', { featureRequestId: 'not-a-uuid' }, someone)).code).toBe(status.INVALID_ARGUMENT);
    expect((await client.failure('follow', { featureRequestId: '' }, someone)).code).toBe(status.INVALID_ARGUMENT);
    expect((await client.failure('follow', { featureRequestId: randomUUID() }, someone)).code).toBe(status.NOT_FOUND);
    expect((await client.failure('unfollow', { requestId: 'x', featureRequestId: randomUUID() }, someone)).code).toBe(status.INVALID_ARGUMENT);
    expect((await client.failure('markRead', { notificationIds: [] }, someone)).code).toBe(status.INVALID_ARGUMENT);
    const bad = await client.failure('markRead', { notificationIds: [randomUUID(), 'nope'] }, someone);
    expect(bad.code).toBe(status.INVALID_ARGUMENT);
    expect(bad.details).toContain('notification_ids[1]');
    expect((await client.failure('listNotifications', { pageSize: 101 }, someone)).code).toBe(status.INVALID_ARGUMENT);
    expect((await client.failure('listNotifications', { pageToken: 'forged' }, someone)).code).toBe(status.INVALID_ARGUMENT);
    const [row] = await postgres.db.query<{ count: string }>(
      `select count(*)::text as count from ${quoteIdent(eventStoreSchema)}.events where stream_id like $1`,
      [`%${someone.subject}%`],
    );
    expect(row?.count).toBe('0');
  });

  it('keeps each person’s preferences: the defaults from their token until they set their own, whole, and checks them', async () => {
    const couple: CallerClaims = { subject: randomUUID(), roles: ['couple'], timeZone: 'Europe/Rome', weddingDate: '2027-06-12' };
    expect(await client.call('getPreferences', {}, couple)).toMatchObject({
      statusChanged: { inApp: true, email: true },
      digest: 'DIGEST_FREQUENCY_OFF',
      quietHours: { enabled: true, start: '21:00', end: '08:00' },
      timeZone: 'Europe/Rome',
      weddingDate: '2027-06-12',
    });
    const mine = {
      statusChanged: { inApp: true, email: false },
      shipped: { inApp: true, email: true },
      comments: { inApp: false, email: false },
      digest: 'DIGEST_FREQUENCY_WEEKLY',
      quietHours: { enabled: true, start: '22:30', end: '07:00' },
      timeZone: 'America/New_York',
      weddingDate: '2027-09-04',
      emailAddress: 'ana@example.com',
    };
    const requestId = randomUUID();
    expect(await client.call('updatePreferences', { requestId, preferences: mine as never }, couple)).toEqual(mine);
    expect(await client.call('getPreferences', {}, couple)).toEqual(mine);

    const refused = await client.failure('updatePreferences', { preferences: { ...mine, timeZone: 'Mars/Olympus_Mons' } as never }, couple);
    expect(refused.code).toBe(status.INVALID_ARGUMENT);
    expect(refused.details).toContain('preferences.time_zone');
    const supplier = person(['supplier']);
    expect((await client.failure('updatePreferences', { preferences: mine as never }, supplier)).details).toContain('only couples have a wedding date');
    // Nothing of a refused update was kept.
    expect(await client.call('getPreferences', {}, couple)).toEqual(mine);
    const [row] = await postgres.db.query<{ count: string }>(
      `select count(*)::text as count from ${quoteIdent(eventStoreSchema)}.events where stream_id = $1`,
      [`notification-preferences-${couple.subject}`],
    );
    expect(row?.count).toBe('1');
  });

  it('stores a couple’s wedding date and e-mail address encrypted with their key when it has a cipher, and reads it back', async () => {
    const cipher = new PiiCipher(new InMemorySubjectKeyStore(), new LocalMasterKeys(randomBytes(32)));
    const encrypting = await start(`${postgres.schema}_encrypting`, cipher);
    const encryptingClient = new NotificationsClient(encrypting.address);
    try {
      const couple: CallerClaims = { subject: randomUUID(), roles: ['couple'] };
      const preferences = { ...(await encryptingClient.call('getPreferences', {}, couple)), weddingDate: '2027-05-22', emailAddress: 'ana@example.com' };
      expect((await encryptingClient.call('updatePreferences', { preferences }, couple)).weddingDate).toBe('2027-05-22');
      expect(await encryptingClient.call('getPreferences', {}, couple)).toMatchObject({ weddingDate: '2027-05-22', emailAddress: 'ana@example.com' });
      const [row] = await postgres.db.query<{ data: { weddingDate: string; emailAddress: string } }>(
        `select data from ${quoteIdent(eventStoreSchema)}.events where stream_id = $1`,
        [`notification-preferences-${couple.subject}`],
      );
      expect(row?.data.weddingDate).toMatch(/^pii:v1:/);
      expect(row?.data.emailAddress).toMatch(/^pii:v1:/);
    } finally {
      encryptingClient.close();
      await encrypting.close();
    }
  });

  it('refuses a caller without a role the access table allows', async () => {
    expect((await client.failure('listNotifications', {}, { subject: randomUUID(), roles: [] })).code).toBe(status.PERMISSION_DENIED);
  });
});
