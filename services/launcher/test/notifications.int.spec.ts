import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createClient } from '@connectrpc/connect';
import { createGrpcWebTransport } from '@connectrpc/connect-node';
import { readDescriptorImage } from '@frm/contracts';
import { signAccessToken } from '@frm/gateway';
import { waitUntil } from '@frm/testing';
import { startEmbeddedPlatform, type EmbeddedPlatform } from './support/embedded-platform';
import { GatewayUser } from './support/gateway-call';

const SECRET = randomBytes(32).toString('base64url');
const [UNDER_REVIEW, PLANNED, IN_PROGRESS, SHIPPED] = [2, 3, 4, 5];
type Untyped = Record<string, (request: Record<string, unknown>, options?: { headers?: Record<string, string>; signal?: AbortSignal }) => unknown>;

/**
 * Notifications on the platform as `npm start` runs it: a voter's mail lands in the outbox when the
 * request ships, its one-click unsubscribe link works through the gateway, and a board watching the
 * inbox over gRPC-web hears of the change as it happens.
 */
describe('notifications through the gateway, embedded', () => {
  let embedded: EmbeddedPlatform;

  beforeAll(async () => {
    embedded = await startEmbeddedPlatform({ FRM_JWT_SECRET: SECRET, FRM_PUBLIC_URL: 'https://board.example.com' });
  });

  afterAll(async () => {
    await embedded?.close();
  });

  const notificationsOf = (user: GatewayUser) => {
    const service = readDescriptorImage().getService('frm.v1.NotificationService');
    if (!service) throw new Error('frm.v1.NotificationService is not in the descriptor image; run npm run proto:generate');
    const transport = createGrpcWebTransport({ baseUrl: `http://${embedded.platform.gateway.address}`, httpVersion: '1.1' });
    const client = createClient(service, transport) as unknown as Untyped;
    const headers = async () => ({ authorization: `Bearer ${await signAccessToken({ sub: user.subject, roles: user.roles }, SECRET)}` });
    return {
      call: async (rpc: string, request: Record<string, unknown>) => (await (client[rpc] as Untyped[string])(request, { headers: await headers() })) as Record<string, unknown>,
      watch: async (signal: AbortSignal) => (client['watchNotifications'] as Untyped[string])({}, { headers: await headers(), signal }) as AsyncIterable<Record<string, unknown>>,
    };
  };

  it('mails a voter when the request ships, streams the change to their board, and unsubscribes them with the mail’s link', async () => {
    const gateway = embedded.platform.gateway.address;
    const author = new GatewayUser(gateway, SECRET, ['supplier']);
    const voter = new GatewayUser(gateway, SECRET, ['couple']);
    const product = new GatewayUser(gateway, SECRET, ['product']);
    const voterNotifications = notificationsOf(voter);
    const preferences = await voterNotifications.call('getPreferences', {});
    // Whatever the hour on the test machine: no quiet hours.
    const quietHours = { ...(preferences['quietHours'] as Record<string, unknown>), enabled: false };
    await voterNotifications.call('updatePreferences', { preferences: { ...preferences, emailAddress: 'voter@example.com', quietHours } });
    const submitted = await author.call('submitFeatureRequest', { title: 'Printable place cards', category: 'guest-management' });
    const featureRequestId = submitted['id'] as string;
    await voter.callVoting('castVote', { featureRequestId });
    for (const status of [UNDER_REVIEW, PLANNED, IN_PROGRESS]) await product.call('changeStatus', { featureRequestId, status });

    const watching = new AbortController();
    const updates: Record<string, unknown>[] = [];
    const watched = (async () => {
      for await (const update of await voterNotifications.watch(watching.signal)) updates.push(update);
    })().catch(() => undefined);
    await waitUntil('the board watches', () => updates.length === 1);
    await product.call('changeStatus', { featureRequestId, status: SHIPPED, reason: 'Print them from the Guests page.' });

    await waitUntil('the shipping reached the watching board', () => updates.some((update) => (update['notification'] as { note?: string } | undefined)?.note !== undefined && (update['notification'] as { note: string }).note !== ''));
    expect(updates.at(-1)).toMatchObject({ unreadCount: 4n, notification: { featureRequestId, featureRequestTitle: 'Printable place cards', note: 'Print them from the Guests page.' } });
    watching.abort();
    await watched;

    const outbox = join(embedded.dataDir, 'outbox');
    // One mail per change, in order: under review, planned, in progress, shipped.
    await waitUntil('four mails are in the outbox', async () => (await readdir(outbox).catch(() => [] as string[])).filter((file) => file.endsWith('.eml')).length === 4);
    const mails = await Promise.all((await readdir(outbox)).map(async (name) => (await readFile(join(outbox, name), 'utf8')).replace(/\r?\n[ \t]+/g, ' ')));
    const mail = mails.find((text) => /^Subject: Shipped:/m.test(text)) ?? '';
    expect(mail).toMatch(/^To: voter@example\.com/m);
    expect(mail).toMatch(/^Subject: Shipped: Printable place cards/m);
    const link = /^List-Unsubscribe: <([^>]+)>/m.exec(mail)?.[1] ?? '';
    expect(link.startsWith('https://board.example.com/unsubscribe?token=')).toBe(true);

    // The link, on this gateway: a GET only shows the button; the one-click POST unsubscribes.
    const local = `http://${gateway}${new URL(link).pathname}${new URL(link).search}`;
    const page = await fetch(local);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');
    expect((await voterNotifications.call('getPreferences', {}))['statusChanged']).toMatchObject({ email: true });
    const clicked = await fetch(local, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(clicked.status).toBe(200);
    expect(await clicked.text()).toContain('no more e-mail');
    expect(await voterNotifications.call('getPreferences', {})).toMatchObject({ statusChanged: { inApp: true, email: false }, shipped: { email: false }, comments: { email: false } });

    // The link in the mail's text is about this one request: it stops the voter following it.
    const text = mail.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    const requestLink = new URL(/Stop mails about it: (\S+)/.exec(text)?.[1] ?? 'https://missing');
    expect((await fetch(`http://${gateway}${requestLink.pathname}${requestLink.search}`, { method: 'POST' })).status).toBe(200);
    const [follow] = await embedded.platform.storage.db.query<{ choice: boolean | null }>(
      `select choice from projection_notifications.followers where feature_request_id = $1 and subject_id = $2`,
      [featureRequestId, voter.subject],
    );
    expect(follow?.choice).toBe(false);

    const forged = await fetch(local.replace(/token=([^&]+)/, (_, token: string) => `token=${token.slice(0, -2)}xx`), { method: 'POST' });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('altered');
  }, 120_000);
});
