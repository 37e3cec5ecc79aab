import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { DateTime } from 'luxon';
import type { CallerClaims } from '@frm/caller';
import type { frmEventsV1, frmV1 } from '@frm/contracts';
import { openPostgresEventStore } from '@frm/event-store';
import { createLogger } from '@frm/logging';
import { Registry } from '@frm/metrics';
import { quoteIdent } from '@frm/postgres';
import { ProjectionRebuilder } from '@frm/projections';
import { testPostgres, waitUntil, type TestPostgres } from '@frm/testing';
import { startNotificationsService, type DeliveryOptions } from '../src';
import { notificationsProjectionWith } from '../src/inbox/notifications.projection';
import { openMailSender } from '../src/mail/mail-sender';
import { History } from './support/history';
import { NotificationsClient } from './support/notifications-client';
import { messageIdOf, startSmtpServer, unfolded } from './support/smtp-capture';
import { startReceiver } from './support/webhook-receiver';

const person = (roles: CallerClaims['roles'] = ['couple'], extra: Partial<CallerClaims> = {}): CallerClaims => ({ subject: randomUUID(), roles, ...extra });
const staff = person(['product']);
const STATUS_CHANGED = 'frm.events.v1.FeatureRequestStatusChanged';

/** Preferences with e-mail on for everything, no quiet hours, in UTC, unless changed. */
function preferences(change: Partial<frmV1.NotificationPreferences> = {}): frmV1.NotificationPreferences {
  return {
    statusChanged: { inApp: true, email: true },
    shipped: { inApp: true, email: true },
    comments: { inApp: true, email: true },
    digest: 'DIGEST_FREQUENCY_OFF' as frmV1.DigestFrequency,
    quietHours: { enabled: false, start: '', end: '' },
    timeZone: 'UTC',
    weddingDate: '',
    emailAddress: '',
    ...change,
  };
}

describe('notifications service: e-mail, digests and webhooks delivered', () => {
  let postgres: TestPostgres;
  const schemas: string[] = [];
  const closers: Array<() => Promise<void> | void> = [];

  beforeAll(async () => {
    postgres = await testPostgres({ prefix: 'delivery' });
  });

  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  afterAll(async () => {
    for (const schema of schemas) await postgres.db.exec(`drop schema if exists ${quoteIdent(schema)} cascade`);
    await postgres.cleanup();
  });

  /** A platform of its own: an event store, and a service with its read model and delivery log, sending as `delivery` says. */
  async function start(name: string, delivery?: Partial<DeliveryOptions> & Pick<DeliveryOptions, 'mail'>, metricsRegistry?: Registry) {
    const readModelSchema = `${postgres.schema}_${name}`;
    const eventStoreSchema = `${readModelSchema}_events`;
    schemas.push(readModelSchema, `${readModelSchema}_delivery`, eventStoreSchema);
    const store = await openPostgresEventStore(postgres.db, { schema: eventStoreSchema });
    closers.push(() => store.close());
    const service = await startNotificationsService({
      db: postgres.db,
      logger: createLogger({ service: 'notifications-test', level: (process.env['TEST_LOG'] ?? 'silent') as 'silent' }),
      port: 0,
      eventStoreSchema,
      readModelSchema,
      delivery: delivery && {
        allowPrivateWebhooks: true,
        mailRetrySchedule: [100],
        webhookRetrySchedule: [100, 200],
        disableWebhookAfterDeadLetters: 2,
        publicUrl: 'https://board.example.com',
        unsubscribeKey: Buffer.alloc(32, 7),
        idleMs: 20,
        webhookTimeoutMs: 1_000,
        ...(metricsRegistry ? { metricsRegistry } : {}),
        ...delivery,
      },
    });
    const client = new NotificationsClient(service.address);
    closers.push(() => service.close(), () => client.close());
    return { service, client, readModelSchema, store, history: new History(store), log: `${readModelSchema}_delivery` };
  }

  const smtpServer = async (refuse?: (to: string) => boolean) => {
    const smtp = await startSmtpServer(refuse);
    closers.push(() => smtp.close());
    return smtp;
  };

  const statesOf = (log: string, recipient: string) =>
    postgres.db.query<{ status: string; due_at: Date; channel: string; attempts: number }>(
      `select status, due_at, channel, attempts from ${quoteIdent(log)}.delivery_state where recipient_id = $1 order by occurred_at`,
      [recipient],
    );

  it('mails a status change once to each follower who wants it, with the release note, never to one without an address or consent, and not again after a rebuild', async () => {
    const smtp = await smtpServer();
    const { client, readModelSchema, log, history, store } = await start('mail', { mail: openMailSender({ smtpUrl: smtp.url, outboxDir: '/nonexistent', from: 'Board <no-reply@example.com>' }) });
    const wants = person();
    const noAddress = person();
    const withdrew = person(['supplier']);
    const inAppOnly = person();
    for (const [who, address, email] of [
      [wants, 'wants@example.com', true],
      [noAddress, '', true],
      [withdrew, 'withdrew@example.com', true],
      [inAppOnly, 'app@example.com', false],
    ] as const) {
      await client.call('updatePreferences', { preferences: preferences({ emailAddress: address, shipped: { inApp: true, email } }) }, who);
    }
    await history.withdrawConsent(withdrew.subject, 'SUBJECT_CONSENT_PURPOSE_PRODUCT_UPDATES' as frmEventsV1.SubjectConsentPurpose);
    const requestId = await history.submit(randomUUID(), 'Seating <plan> export');
    for (const voter of [wants, noAddress, withdrew, inAppOnly]) await history.vote(requestId, voter.subject);
    await history.changeStatus(requestId, staff.subject, 'in_progress', 'shipped', 'Export your seating plan as PDF from the Guests page.');

    await waitUntil('the mail was accepted', () => smtp.received.length === 1);
    // The server has the mail before the sender records it as sent; the rebuild below must find it recorded.
    await waitUntil('the mail was recorded as sent', async () => (await statesOf(log, wants.subject))[0]?.status === 'sent');
    const [mail] = smtp.received;
    expect(mail?.to).toEqual(['wants@example.com']);
    const raw = unfolded(mail?.raw ?? '');
    expect(raw).toMatch(/^Subject: Shipped: Seating <plan> export/m);
    expect(raw).toContain('Release note: Export your seating plan as PDF from the Guests page.');
    expect(raw).toContain('https://board.example.com/requests/' + requestId);
    expect(raw).toMatch(/^List-Unsubscribe: <https:\/\/board\.example\.com\/unsubscribe\?token=[^>]+>/m);
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    // Everyone still has the notice in the app, apart from what they turned off there.
    expect((await client.call('listNotifications', {}, inAppOnly)).notifications[0]).toMatchObject({ kind: 'NOTIFICATION_KIND_SHIPPED', note: 'Export your seating plan as PDF from the Guests page.' });

    // A rebuild plans the same deliveries again and finds them made: nothing is sent twice.
    const rebuilder = new ProjectionRebuilder({ projection: notificationsProjectionWith(log), eventStore: store, db: postgres.db, schema: readModelSchema });
    await rebuilder.rebuild();
    await new Promise((wake) => setTimeout(wake, 500));
    expect(smtp.received.map((m) => messageIdOf(m.raw))).toHaveLength(1);
    expect((await statesOf(log, wants.subject)).map((s) => s.status)).toEqual(['sent']);
    expect(await statesOf(log, noAddress.subject)).toEqual([]);
    expect(await statesOf(log, withdrew.subject)).toEqual([]);
  }, 60_000);

  it('holds mail through quiet hours and a wedding day in the person’s zone, across a daylight-saving change', async () => {
    const smtp = await smtpServer();
    // New York leaves summer time at 02:00 on 1 November 2026; 04:30 UTC is 00:30 EDT, in quiet hours.
    let now = new Date('2026-11-01T04:30:00Z');
    const { client, log, history } = await start('quiet', { mail: openMailSender({ smtpUrl: smtp.url, outboxDir: '/nonexistent', from: 'b@example.com' }), clock: () => now });
    const night = person();
    const marrying = person(['couple']);
    await client.call('updatePreferences', { preferences: preferences({ emailAddress: 'night@example.com', timeZone: 'America/New_York', quietHours: { enabled: true, start: '21:00', end: '08:00' } }) }, night);
    // Their wedding is on 1 November in Rome (05:30 there): nothing until 08:00 the next morning.
    await client.call('updatePreferences', { preferences: preferences({ emailAddress: 'couple@example.com', timeZone: 'Europe/Rome', weddingDate: '2026-11-01' }) }, marrying);
    const requestId = await history.submit(randomUUID(), 'Guest shuttle planner');
    await history.vote(requestId, night.subject);
    await history.vote(requestId, marrying.subject);
    await history.changeStatus(requestId, staff.subject, 'submitted', 'planned');

    await waitUntil('both mails wait', async () => {
      const states = [...(await statesOf(log, night.subject)), ...(await statesOf(log, marrying.subject))];
      return states.length === 2 && states.every((s) => s.status === 'deferred');
    });
    // 08:00 EST (after the change) is 13:00 UTC; 08:00 in Rome on 2 November is 07:00 UTC.
    expect((await statesOf(log, night.subject))[0]?.due_at.toISOString()).toBe('2026-11-01T13:00:00.000Z');
    expect((await statesOf(log, marrying.subject))[0]?.due_at.toISOString()).toBe('2026-11-02T07:00:00.000Z');
    expect(smtp.received).toHaveLength(0);

    now = new Date('2026-11-01T13:00:01Z');
    await waitUntil('the night owl’s mail went', () => smtp.received.length === 1);
    expect(smtp.received[0]?.to).toEqual(['night@example.com']);
    now = new Date('2026-11-02T07:00:01Z');
    await waitUntil('the couple’s mail went the next morning', () => smtp.received.length === 2);
    expect(smtp.received[1]?.to).toEqual(['couple@example.com']);
  }, 60_000);

  it('retries mail an SMTP server refuses, in order, until it takes it, and counts the failures', async () => {
    let refusals = 2;
    const smtp = await smtpServer(() => refusals-- > 0);
    const registry = new Registry();
    const { client, log, history } = await start('retry', { mail: openMailSender({ smtpUrl: smtp.url, outboxDir: '/nonexistent', from: 'b@example.com' }) }, registry);
    const voter = person();
    await client.call('updatePreferences', { preferences: preferences({ emailAddress: 'voter@example.com' }) }, voter);
    const requestId = await history.submit(randomUUID(), 'Vendor calendar sync');
    await history.vote(requestId, voter.subject);
    for (const [from, to] of [['submitted', 'under_review'], ['under_review', 'planned'], ['planned', 'in_progress']] as const) {
      await history.changeStatus(requestId, staff.subject, from, to);
    }
    await waitUntil('three mails accepted', () => smtp.received.length === 3, { timeoutMs: 20_000 });
    // The server has the last mail a moment before the sender records it as sent.
    await waitUntil('three mails recorded as sent', async () => (await statesOf(log, voter.subject)).every((s) => s.status === 'sent'));
    // The first was refused twice and went first all the same: a person's notices keep their order.
    expect(smtp.received.map((m) => /^Subject: (.*)$/m.exec(unfolded(m.raw))?.[1])).toEqual([
      'Vendor calendar sync is now under review',
      'Vendor calendar sync is now planned',
      'Vendor calendar sync is now in progress',
    ]);
    expect((await statesOf(log, voter.subject)).map((s) => [s.status, s.attempts])).toEqual([
      ['sent', 3],
      ['sent', 1],
      ['sent', 1],
    ]);
    // The sender counts a delivery just after recording it, so the count may trail the table by a tick.
    const sentCount = 'frm_notification_deliveries_total{channel="email",outcome="sent"} 3';
    await waitUntil('three sent mails counted', async () => (await registry.getSingleMetricAsString('frm_notification_deliveries_total')).includes(sentCount));
    const metrics = await registry.getSingleMetricAsString('frm_notification_deliveries_total');
    expect(metrics).toContain('frm_notification_deliveries_total{channel="email",outcome="failed"} 2');
    expect(metrics).toContain('frm_notification_deliveries_total{channel="email",outcome="sent"} 3');
  }, 60_000);

  it('gathers a digest once per person and day, in their zone', async () => {
    const smtp = await smtpServer();
    let now = new Date();
    // The digest of the day the events happen on, in Tokyo, once that day is over there.
    const today = DateTime.now().setZone('Asia/Tokyo');
    const { client, log, history } = await start('digest', { mail: openMailSender({ smtpUrl: smtp.url, outboxDir: '/nonexistent', from: 'b@example.com' }), clock: () => now });
    const reader = person();
    await client.call('updatePreferences', { preferences: preferences({ emailAddress: 'reader@example.com', digest: 'DIGEST_FREQUENCY_DAILY' as frmV1.DigestFrequency, timeZone: 'Asia/Tokyo' }) }, reader);
    const first = await history.submit(randomUUID(), 'Table plan printing');
    const second = await history.submit(randomUUID(), 'Gift registry links');
    for (const id of [first, second]) await history.vote(id, reader.subject);
    await history.changeStatus(first, staff.subject, 'submitted', 'planned');
    await history.changeStatus(second, staff.subject, 'submitted', 'declined');
    await waitUntil('both notices wait for the digest', async () => (await statesOf(log, reader.subject)).filter((s) => s.channel === 'digest').length === 2);
    await new Promise((wake) => setTimeout(wake, 300));
    expect(smtp.received).toHaveLength(0);
    // Past midnight in Tokyo the day is over there: its digest goes, once.
    now = today.plus({ days: 1 }).startOf('day').plus({ minutes: 1 }).toJSDate();
    await waitUntil('the digest was sent', () => smtp.received.length === 1, { timeoutMs: 20_000 });
    await new Promise((wake) => setTimeout(wake, 6_000));
    expect(smtp.received).toHaveLength(1);
    const raw = unfolded(smtp.received[0]?.raw ?? '');
    expect(raw).toContain(`Subject: Your feature request digest for ${today.toISODate()}: 2 updates`);
    expect(raw).toContain('"Table plan printing" moved from submitted to planned');
    expect(raw).toContain('"Gift registry links" moved from submitted to declined');
  }, 60_000);

  it('delivers signed webhooks, retries with the same id, dead-letters, disables a webhook that keeps failing and tells its owner', async () => {
    const secrets = new Map<string, string>();
    const good = await startReceiver(() => secrets.get('good') ?? '', (attempt) => (attempt <= 2 ? 503 : 204));
    const bad = await startReceiver(() => secrets.get('bad') ?? '', () => 500);
    closers.push(() => good.close(), () => bad.close());
    const { client, history } = await start('webhooks', { mail: openMailSender({ outboxDir: '/tmp/frm-unused-outbox', from: 'b@example.com' }) });
    const owner = person(['admin']);
    const made = await client.call('createWebhook', { requestId: randomUUID(), url: good.url, eventTypes: [STATUS_CHANGED] }, owner);
    expect(made.secret).toMatch(/^whsec_/);
    expect(made.webhook).toMatchObject({ url: good.url, eventTypes: [STATUS_CHANGED], ownerId: owner.subject, enabled: true });
    secrets.set('good', made.secret);
    const failing = await client.call('createWebhook', { requestId: randomUUID(), url: bad.url, eventTypes: [] }, owner);
    secrets.set('bad', failing.secret);

    const requestId = await history.submit(randomUUID(), 'Photo wall');
    await history.changeStatus(requestId, staff.subject, 'submitted', 'planned');
    await waitUntil('the good endpoint took it on the third attempt', () => good.attempts.length === 3, { timeoutMs: 20_000 });
    expect(new Set(good.attempts.map((a) => a.id)).size).toBe(1);
    expect(good.attempts.every((a) => a.verified)).toBe(true);
    expect(JSON.parse(good.attempts[2]?.body ?? '{}')).toMatchObject({ type: STATUS_CHANGED, data: { feature_request_id: requestId, title: 'Photo wall', status: 'FEATURE_REQUEST_STATUS_PLANNED' } });
    // The outcome is recorded just after the endpoint answers.
    const delivered = async () => {
      const page = await client.call('listWebhookDeliveries', { webhookId: made.webhook?.id }, owner);
      return page.deliveries[0]?.state === 'WEBHOOK_DELIVERY_STATE_DELIVERED' ? page : false;
    };
    const listed = await waitUntil('the delivery is recorded as delivered', delivered);
    expect(listed.deliveries).toHaveLength(1);
    expect(listed.deliveries[0]).toMatchObject({ id: good.attempts[0]?.id, state: 'WEBHOOK_DELIVERY_STATE_DELIVERED', eventType: STATUS_CHANGED });
    expect(listed.deliveries[0]?.attempts.map((a) => a.statusCode)).toEqual([503, 503, 204]);

    // The failing one took both events (it wants every type): two dead letters in a row disable it.
    await waitUntil('the failing webhook was disabled', async () => (await client.call('listWebhooks', {}, owner)).webhooks.some((w) => w.id === failing.webhook?.id && !w.enabled), { timeoutMs: 20_000 });
    const dead = await client.call('listWebhookDeliveries', { webhookId: failing.webhook?.id, deadLettersOnly: true }, owner);
    expect(dead.deliveries.map((d) => d.state)).toEqual(['WEBHOOK_DELIVERY_STATE_DEAD_LETTER', 'WEBHOOK_DELIVERY_STATE_DEAD_LETTER']);
    expect(dead.deliveries[0]?.attempts).toHaveLength(3);
    await waitUntil('its owner was told', async () =>
      (await client.call('listNotifications', {}, owner)).notifications.some((n) => n.kind === 'NOTIFICATION_KIND_WEBHOOK_DISABLED' && n.webhookId === failing.webhook?.id),
    );
    const refused = await client.failure('redeliverWebhook', { deliveryId: dead.deliveries[0]?.id }, owner);
    expect(refused.code).toBe(status.FAILED_PRECONDITION);
    // A redelivery of a delivered one goes out again with the same id.
    await client.call('redeliverWebhook', { deliveryId: listed.deliveries[0]?.id }, owner);
    await waitUntil('the redelivery arrived', () => good.attempts.length === 4);
    expect(good.attempts[3]?.id).toBe(good.attempts[0]?.id);
  }, 60_000);

  it('lets a slow endpoint hold only its own deliveries', async () => {
    const secrets = new Map<string, string>();
    const slow = await startReceiver(() => secrets.get('slow') ?? '', () => 'hang');
    const fast = await startReceiver(() => secrets.get('fast') ?? '', () => 204);
    closers.push(() => slow.close(), () => fast.close());
    const { client, history, service, log } = await start('slow', { mail: openMailSender({ outboxDir: '/tmp/frm-unused-outbox', from: 'b@example.com' }), webhookTimeoutMs: 30_000 });
    const owner = person(['product']);
    const slowHook = await client.call('createWebhook', { requestId: randomUUID(), url: slow.url }, owner);
    secrets.set('slow', slowHook.secret);
    secrets.set('fast', (await client.call('createWebhook', { requestId: randomUUID(), url: fast.url }, owner)).secret);
    const started = Date.now();
    for (let i = 0; i < 10; i++) await history.submit(randomUUID(), `Request ${i}`);
    await waitUntil('the fast endpoint has all ten', () => fast.attempts.length === 10, { timeoutMs: 20_000 });
    // Well before the slow endpoint's first deadline of 30 s, which a fast delivery queued behind a
    // slow one would have had to wait out (the margin is wide so that a busy machine cannot blur it).
    expect(Date.now() - started).toBeLessThan(15_000);
    // The slow endpoint holds no more than its share of calls in flight (8).
    expect(slow.attempts.length).toBeLessThanOrEqual(8);

    // Stopping gives back what was claimed but not attempted, and interrupts what hangs: nothing is
    // left claimed by a process that is gone, so another takes all ten at once, not after a lease.
    await waitUntil('the slow endpoint holds its share', () => slow.attempts.length === 8);
    await service.close();
    const states = await statesOf(log, slowHook.webhook?.id ?? '');
    expect(states).toHaveLength(10);
    expect(states.filter((s) => s.status === 'sending')).toEqual([]);
    expect(states.filter((s) => s.status === 'retrying')).toHaveLength(8);
    expect(states.filter((s) => s.status === 'pending')).toHaveLength(2);
  }, 60_000);

  it('refuses bad webhooks with INVALID_ARGUMENT naming the rule, and customers with PERMISSION_DENIED', async () => {
    // No delivery options: private addresses are refused, as in production.
    const { client } = await start('strict');
    const owner = person(['admin']);
    const failure = (request: Partial<frmV1.CreateWebhookRequest>, as = owner) => client.failure('createWebhook', { requestId: randomUUID(), ...request }, as);
    expect(await failure({ url: 'ftp://example.com/hook' })).toMatchObject({ code: status.INVALID_ARGUMENT, details: expect.stringContaining('url: webhook URL must be http or https') });
    expect(await failure({ url: 'http://127.0.0.1:9/hook' })).toMatchObject({ code: status.INVALID_ARGUMENT, details: expect.stringMatching(/url: .*loopback/) });
    expect(await failure({ url: 'http://169.254.169.254/latest' })).toMatchObject({ code: status.INVALID_ARGUMENT, details: expect.stringMatching(/url: .*linkLocal/) });
    const unknownType = await failure({ url: 'https://93.184.216.34/hook', eventTypes: ['frm.events.v1.Nonsense'] });
    expect(unknownType.code).toBe(status.INVALID_ARGUMENT);
    expect(unknownType.details).toContain(STATUS_CHANGED);
    expect((await failure({ url: 'https://93.184.216.34/hook' }, person(['supplier']))).code).toBe(status.PERMISSION_DENIED);
    expect((await client.call('listWebhooks', {}, owner)).webhooks).toEqual([]);
  });

  it('streams new notifications to a watching board with the unread count', async () => {
    const { client, history } = await start('watch', { mail: openMailSender({ outboxDir: '/tmp/frm-unused-outbox', from: 'b@example.com' }) });
    const watcher = person();
    const requestId = await history.submit(watcher.subject, 'Live updates');
    const watch = client.watch(watcher);
    closers.push(() => watch.cancel());
    await waitUntil('the first update', () => watch.updates.length === 1);
    expect(watch.updates[0]).toEqual({ notification: null, unreadCount: '0' });
    await history.changeStatus(requestId, staff.subject, 'submitted', 'under_review');
    await waitUntil('the change arrived', () => watch.updates.length === 2);
    expect(watch.updates[1]).toMatchObject({ unreadCount: '1', notification: { featureRequestId: requestId, toStatus: 'FEATURE_REQUEST_STATUS_UNDER_REVIEW', featureRequestTitle: 'Live updates' } });
  });
});
