import { randomUUID } from 'node:crypto';
import { frmEventsV1, timestampFromDate, toEventJson, type frmV1 } from '@frm/contracts';
import { eventIdFor, type EventStore, type JsonObject } from '@frm/event-store';
import { openPgDatabase, type SqlDatabase } from '@frm/postgres';
import { openStorage, type Storage } from '@frm/storage';
import { freshDatabase, ServiceProcess, waitUntil, type FreshDatabase } from '@frm/testing';
import { preferencesEventData, preferencesStreamId } from '../src/preferences/preferences-event.codec';
import { messageIdOf, startSmtpServer } from './support/smtp-capture';

const VOTERS = Number(process.env['FAN_OUT_VOTERS'] ?? 10_000);

const preferences: frmV1.NotificationPreferences = {
  statusChanged: { inApp: true, email: true },
  shipped: { inApp: true, email: true },
  comments: { inApp: true, email: false },
  digest: 'DIGEST_FREQUENCY_OFF' as frmV1.DigestFrequency,
  quietHours: { enabled: false, start: '', end: '' },
  timeZone: 'UTC',
  weddingDate: '',
  emailAddress: '',
};

/**
 * The notifications service as its own process on a server Postgres, killed with SIGKILL while it
 * mails a request's 10,000 voters, then started again: every voter has the notice in their inbox
 * once, and a mail with it, once by its Message-ID.
 */
describe('a fan-out to 10,000 voters survives kill -9', () => {
  let database: FreshDatabase;
  let storage: Storage;
  let store: EventStore;
  let readModel: SqlDatabase;
  const processes: ServiceProcess[] = [];

  beforeAll(async () => {
    database = await freshDatabase('notifications_crash');
    storage = await openStorage({ FRM_DATABASE_URL: database.url, FRM_DATA_DIR: '.data-unused' });
    store = await storage.openEventStore();
    readModel = await openPgDatabase({ connectionString: database.url, applicationName: 'fan-out-test' });
  });

  afterAll(async () => {
    for (const process of processes) await process.crash().catch(() => undefined);
    await store?.close();
    await storage?.close();
    await readModel?.close();
    await database?.drop();
  });

  it('writes exactly 10,000 inbox entries and mails after the service is killed mid-way and restarted', async () => {
    const smtp = await startSmtpServer();
    try {
      const requestId = randomUUID();
      const voters = Array.from({ length: VOTERS }, () => randomUUID());
      await store.appendToStream(`feature-request-${requestId}`, [event(frmEventsV1.FeatureRequestSubmitted, { ...frmEventsV1.FeatureRequestSubmitted.fromPartial({}), featureRequestId: requestId, authorId: randomUUID(), title: 'Seating chart export', description: 'd', category: 'planning-tools', occurredAt: timestampFromDate(new Date()) })], { expectedRevision: 'no_stream' });
      for (let i = 0; i < VOTERS; i += 500) {
        await Promise.all(
          voters.slice(i, i + 500).map(async (voterId, j) => {
            await store.appendToStream(preferencesStreamId(voterId), [{ id: randomUUID(), type: frmEventsV1.RecipientPreferencesUpdated.$type, data: preferencesEventData(voterId, new Date(), { ...preferences, emailAddress: `voter${i + j}@example.com` }) }], { expectedRevision: 'any' });
            await store.appendToStream(`vote-${requestId}-${voterId}`, [event(frmEventsV1.VoteCast, { ...frmEventsV1.VoteCast.fromPartial({}), voteId: randomUUID(), featureRequestId: requestId, voterId, weight: 1, occurredAt: timestampFromDate(new Date()) })], { expectedRevision: 'no_stream' });
          }),
        );
      }
      const env = { FRM_DATABASE_URL: database.url, FRM_SMTP_URL: smtp.url, FRM_NOTIFICATIONS_GRPC_PORT: '0', FRM_LOG_LEVEL: 'info' };
      const first = ServiceProcess.spawn('notifications', env);
      processes.push(first);
      await first.ready(120_000);
      const followers = async () => Number(((await readModel.query<{ n: string }>(`select count(*)::text as n from projection_notifications.followers`).catch(() => [])) as { n: string }[])[0]?.n ?? 0);
      await waitUntil('the read model has every voter', async () => (await followers()) === VOTERS + 1, { timeoutMs: 120_000, intervalMs: 200 });

      await store.appendToStream(`feature-request-${requestId}`, [event(frmEventsV1.FeatureRequestStatusChanged, { ...frmEventsV1.FeatureRequestStatusChanged.fromPartial({}), featureRequestId: requestId, actorId: randomUUID(), fromStatus: 'FEATURE_REQUEST_STATUS_IN_PROGRESS' as frmEventsV1.FeatureRequestStatus, toStatus: 'FEATURE_REQUEST_STATUS_SHIPPED' as frmEventsV1.FeatureRequestStatus, reason: 'Out now.', occurredAt: timestampFromDate(new Date()) })], { expectedRevision: 'any' });
      await waitUntil('the fan-out is under way', () => smtp.received.length >= 1_000, { timeoutMs: 120_000, intervalMs: 20 }).catch((error: Error) => {
        throw new Error(`${error.message}; ${smtp.received.length} mails so far. The service said:\n${first.output().slice(-4_000)}`);
      });
      await first.crash();
      const atCrash = smtp.received.length;
      expect(atCrash).toBeLessThan(VOTERS);

      const second = ServiceProcess.spawn('notifications', env);
      processes.push(second);
      await second.ready(120_000);
      const distinct = () => new Set(smtp.received.map((mail) => messageIdOf(mail.raw))).size;
      // Mails the killed process had in flight wait out their 30-second lease, then go again.
      await waitUntil('every voter has their mail', () => distinct() === VOTERS, { timeoutMs: 180_000, intervalMs: 200 });
      await new Promise((wake) => setTimeout(wake, 2_000));

      expect(distinct()).toBe(VOTERS);
      const recipients = new Set(smtp.received.flatMap((mail) => mail.to));
      expect(recipients.size).toBe(VOTERS);
      // Only a mail the server took just before the kill, not yet marked sent, can arrive twice (same Message-ID).
      const repeats = smtp.received.length - VOTERS;
      expect(repeats).toBeLessThanOrEqual(8);
      const [inbox] = await readModel.query<{ entries: string; people: string }>(
        `select count(*)::text as entries, count(distinct recipient_id)::text as people from projection_notifications.notifications where feature_request_id = $1 and kind = 'NOTIFICATION_KIND_SHIPPED' and recipient_id = any($2::text[])`,
        [requestId, voters],
      );
      expect(inbox).toEqual({ entries: String(VOTERS), people: String(VOTERS) });
      process.stdout.write(`fan-out crash: killed after ${atCrash} mails; ${VOTERS} distinct mails in the end, ${repeats} repeated by Message-ID\n`);
      await second.stop();
    } finally {
      await smtp.close();
    }
  }, 600_000);
});

function event<T>(fns: { $type: string; toJSON(message: T): unknown }, message: T) {
  return { id: eventIdFor(randomUUID(), 0), type: fns.$type, data: toEventJson(fns as never, message as never) as JsonObject };
}
