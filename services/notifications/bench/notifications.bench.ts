/**
 * `npm run bench:notifications`: a request with FRM_BENCH_VOTERS (10,000) voters moves three times
 * and ships, and the notifications service writes one inbox notification per follower for each
 * move. Measured: inbox notifications written per second, from a status change's append until the
 * last one is readable, against the same rows written by one raw batched INSERT … SELECT into a
 * table of the same shape and index, in the same database, same run (target ratio 0.3), three
 * times too, into a table growing as the inbox does; the first move and the first INSERT warm up,
 * the best of the other two of each is kept.
 *
 * Then e-mail: every voter wants it, so the shipping mails each of them; measured until the
 * SMTP server in this process accepted the last one, against the same rendered mails sent by a raw
 * pooled nodemailer transport with as many connections. Then webhooks: FRM_BENCH_WEBHOOKS (20)
 * webhooks take every event and FRM_BENCH_WEBHOOK_EVENTS (500) edits are appended; deliveries per
 * second until the receiver has them all, against raw undici POSTs of the same bodies to the same
 * receiver, 32 in flight; both warmed up with a fifth as many first, then the best of two turns each.
 *
 * Set-up: a fresh database on FRM_BENCH_DATABASE_URL (default the local server); the event store
 * there; the history appended as intake and voting would; the service in this process with an SMTP
 * server and an HTTP receiver of its own. JSON lines on stdout, progress on stderr.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { Agent, request } from 'undici';
import { createBenchDatabase, reportResult, runConcurrently, startProgress } from '@frm/bench';
import { frmEventsV1, timestampFromDate, toEventJson, type EventMessageFns, type frmV1 } from '@frm/contracts';
import { eventIdFor, openPostgresEventStore, type EventStore, type JsonObject } from '@frm/event-store';
import { createLogger } from '@frm/logging';
import { openPgDatabase, type SqlDatabase } from '@frm/postgres';
import { openMailSender, startNotificationsService } from '../src';
import { preferencesEventData, preferencesStreamId } from '../src/preferences/preferences-event.codec';
import { newWebhookSecret } from '../src/webhooks/webhook-signature';
import { webhookStreamId } from '../src/webhooks/webhook-events';

const serverUrl = process.env['FRM_BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const VOTERS = Number(process.env['FRM_BENCH_VOTERS'] ?? 10_000);
const WEBHOOKS = Number(process.env['FRM_BENCH_WEBHOOKS'] ?? 20);
const WEBHOOK_EVENTS = Number(process.env['FRM_BENCH_WEBHOOK_EVENTS'] ?? 500);
const RATIO_TARGET = 0.3;
const WEBHOOK_RATIO_TARGET = 0.5;
// As the service: 8 SMTP connections. Webhook calls: the service has up to 128 in flight (8 per
// endpoint); the raw baseline does best with fewer on two cores (32: 0.7-1.1 s for 10,000, 128: 1.2 s).
const SMTP_CONNECTIONS = 8;
const WEBHOOK_IN_FLIGHT = 32;
const WEBHOOK_TURNS = 2;
const PLANNED_WEBHOOK_DELIVERIES = `select count(*)::text as n from notification_delivery.delivery_state where channel = 'webhook'`;
const log = (text: string) => process.stderr.write(`${text}\n`);

async function main(): Promise<void> {
  const database = await createBenchDatabase(serverUrl, 'bench_notifications');
  const db = await openPgDatabase({ connectionString: database.url, maxConnections: 16 });
  const store = await openPostgresEventStore(db);
  const smtp = await startCountingSmtpServer();
  const receiver = await startCountingReceiver();
  const service = await startNotificationsService({
    db,
    logger: createLogger({ service: 'notifications', level: 'warn' }),
    port: 0,
    delivery: {
      mail: openMailSender({ smtpUrl: smtp.url, outboxDir: '/nonexistent', from: 'Board <no-reply@example.com>' }),
      allowPrivateWebhooks: true,
      mailRetrySchedule: [1_000],
      webhookRetrySchedule: [1_000],
      disableWebhookAfterDeadLetters: 3,
      publicUrl: 'https://board.example.com',
      unsubscribeKey: Buffer.alloc(32, 1),
      idleMs: 20,
    },
  });
  try {
    const requestId = randomUUID();
    await append(store, `feature-request-${requestId}`, frmEventsV1.FeatureRequestSubmitted, {
      ...frmEventsV1.FeatureRequestSubmitted.fromPartial({}),
      featureRequestId: requestId,
      occurredAt: timestampFromDate(new Date()),
      authorId: randomUUID(),
      title: 'Seating plan export',
      category: 'planning-tools',
    });
    const voters = Array.from({ length: VOTERS }, () => randomUUID());
    const progress = startProgress('voters with preferences and votes appended', VOTERS);
    await runConcurrently(VOTERS, 16, async (i) => {
      const voterId = voters[i] as string;
      await store.appendToStream(
        preferencesStreamId(voterId),
        [{ id: randomUUID(), type: frmEventsV1.RecipientPreferencesUpdated.$type, data: preferencesEventData(voterId, new Date(), { ...EVERY_MAIL, emailAddress: `voter${i}@example.com` }) }],
        { expectedRevision: 'any' },
      );
      await append(store, `vote-${requestId}-${voterId}`, frmEventsV1.VoteCast, {
        ...frmEventsV1.VoteCast.fromPartial({}),
        voteId: randomUUID(),
        occurredAt: timestampFromDate(new Date()),
        featureRequestId: requestId,
        voterId,
        weight: 1,
      });
      progress.increment();
    });
    progress.stop();
    await waitFor(db, `select count(*)::text as n from projection_notifications.followers where feature_request_id = $1`, [requestId], VOTERS + 1, 'followers projected');

    // Measured: a status change's append until every follower's notification is readable. The
    // request moves three times, each move fanning out to every follower (and mailing them, which
    // is waited for before the next move): the first warms up (the statements' plans, the JIT), and
    // the best of the other two is kept, against the best of as many raw INSERTs, as for webhooks.
    const fanOutRuns: number[] = [];
    let mailMs = 0;
    for (const [turn, [from, to]] of MOVES.entries()) {
      const mailedBefore = smtp.count();
      const started = performance.now();
      await append(store, `feature-request-${requestId}`, frmEventsV1.FeatureRequestStatusChanged, {
        ...frmEventsV1.FeatureRequestStatusChanged.fromPartial({}),
        featureRequestId: requestId,
        occurredAt: timestampFromDate(new Date()),
        actorId: randomUUID(),
        fromStatus: `FEATURE_REQUEST_STATUS_${from}` as frmEventsV1.FeatureRequestStatus,
        toStatus: `FEATURE_REQUEST_STATUS_${to}` as frmEventsV1.FeatureRequestStatus,
      });
      const label = `move ${turn + 1}/${MOVES.length} (${to.toLowerCase()})`;
      await waitFor(db, `select count(*)::text as n from projection_notifications.notifications where feature_request_id = $1`, [requestId], (turn + 1) * (VOTERS + 1), `${label}: inbox notifications written`);
      fanOutRuns.push(performance.now() - started);
      const mailProgress = startProgress(`${label}: mails accepted`, VOTERS);
      await until(() => (mailProgress.update(smtp.count() - mailedBefore), smtp.count() - mailedBefore >= VOTERS), `${label}: every voter mailed`);
      mailProgress.stop();
      // Reported for the last move, the shipping.
      mailMs = performance.now() - started;
    }
    const fanOutMs = Math.min(...fanOutRuns.slice(1));

    // Baseline: the same rows, one raw batched INSERT … SELECT into a table of the same shape and
    // index holding as many rows as the inbox held before the move of the same turn.
    await db.exec(`create table bench_followers as select * from projection_notifications.followers where feature_request_id = '${requestId}'`);
    await db.exec(`create table bench_inbox (like projection_notifications.notifications including all)`);
    const rawFanOut = `insert into bench_inbox (id, recipient_id, feature_request_id, kind, from_status, to_status, occurred_at)
       select md5($1 || '/' || subject_id)::uuid, subject_id, feature_request_id, 'NOTIFICATION_KIND_SHIPPED', 'a', 'b', now() from bench_followers`;
    const baselineRuns: number[] = [];
    for (let turn = 0; turn < MOVES.length; turn++) {
      const baselineStarted = performance.now();
      await db.query(rawFanOut, [randomUUID()]);
      baselineRuns.push(performance.now() - baselineStarted);
    }
    const baselineMs = Math.min(...baselineRuns.slice(1));
    const written = VOTERS + 1;
    reportResult(
      'notifications.inbox.fan_out',
      { value: (written / fanOutMs) * 1000, unit: 'notifications/s', baseline: (written / baselineMs) * 1000, target: RATIO_TARGET },
      {
        ratioIs: 'value/baseline',
        baseline_is: 'one raw INSERT … SELECT of the same rows into a table of the same shape and index',
        followers: written,
        fanOutMs: Math.round(fanOutMs),
        baselineMs: Math.round(baselineMs),
        runs: { fanOutMs: fanOutRuns.slice(1).map(Math.round), baselineMs: baselineRuns.slice(1).map(Math.round), warmUp: { fanOutMs: Math.round(fanOutRuns[0] ?? 0), baselineMs: Math.round(baselineRuns[0] ?? 0) } },
        from: 'the status change appended',
        until: 'every notification readable',
      },
    );

    // Baseline: the same number of mails, rendered once, through a raw pooled transport of as many connections.
    const raw = createTransport({ url: smtp.url, pool: true, maxConnections: SMTP_CONNECTIONS, maxMessages: Infinity });
    const before = smtp.count();
    const rawStarted = performance.now();
    await runConcurrently(VOTERS, SMTP_CONNECTIONS, (i) =>
      raw.sendMail({ from: 'Board <no-reply@example.com>', to: `voter${i}@example.com`, subject: 'Shipped: Seating plan export', text: 'Seating plan export shipped.', html: '<p>Seating plan export shipped.</p>' }),
    );
    raw.close();
    const rawMailMs = performance.now() - rawStarted;
    if (smtp.count() - before !== VOTERS) throw new Error(`the raw baseline sent ${smtp.count() - before} mails, not ${VOTERS}`);
    reportResult(
      'notifications.email.fan_out',
      { value: (VOTERS / mailMs) * 1000, unit: 'mails/s', baseline: (VOTERS / rawMailMs) * 1000 },
      {
        ratioIs: 'value/baseline',
        baseline_is: `the same number of mails through a raw pooled nodemailer transport (${SMTP_CONNECTIONS} connections) to the same SMTP server`,
        mails: VOTERS,
        untilLastMailAcceptedMs: Math.round(mailMs),
        baselineMs: Math.round(rawMailMs),
        from: 'the shipping appended',
        until: 'the SMTP server accepted the last mail',
      },
    );

    // Webhooks: each takes every event; the edits below give WEBHOOKS × WEBHOOK_EVENTS deliveries.
    for (let w = 0; w < WEBHOOKS; w++) {
      const webhookId = randomUUID();
      await append(store, webhookStreamId(webhookId), frmEventsV1.WebhookCreated, {
        webhookId,
        occurredAt: timestampFromDate(new Date()),
        ownerId: randomUUID(),
        url: `${receiver.url}/hooks/${w}`,
        eventTypes: [],
        secret: newWebhookSecret(),
      });
    }
    await waitFor(db, `select count(*)::text as n from projection_notifications.webhooks`, [], WEBHOOKS, 'webhooks projected');
    const hooks = { db, store, receiver, requestId };
    // Both sides warmed up first (a fifth of the deliveries each: the JIT, the connection pools, the
    // log's statements), then measured in turns, the best of each kept: whichever ran second would
    // otherwise find the HTTP client warm, and a noisy neighbour slows one run, not the result.
    const warmUp = Math.max(1, Math.round(WEBHOOK_EVENTS / 5));
    const cold = await deliverWebhooks(hooks, warmUp, 'warm-up');
    await postRaw(receiver, cold.bodies);
    const runs = { service: [] as WebhookRun[], raw: [] as number[] };
    for (let turn = 1; turn <= WEBHOOK_TURNS; turn++) {
      const run = await deliverWebhooks(hooks, WEBHOOK_EVENTS, `turn ${turn}/${WEBHOOK_TURNS}`);
      runs.service.push(run);
      runs.raw.push(await postRaw(receiver, run.bodies));
    }
    const deliveries = WEBHOOKS * WEBHOOK_EVENTS;
    const best = runs.service.reduce((fastest, run) => (run.ms < fastest.ms ? run : fastest));
    const rawMs = Math.min(...runs.raw);
    reportResult(
      'notifications.webhooks.deliveries',
      { value: (deliveries / best.ms) * 1000, unit: 'deliveries/s', baseline: (deliveries / rawMs) * 1000, target: WEBHOOK_RATIO_TARGET },
      {
        ratioIs: 'value/baseline',
        baseline_is: `raw undici POSTs of the same bodies to the same receiver, ${WEBHOOK_IN_FLIGHT} in flight`,
        webhooks: WEBHOOKS,
        events: WEBHOOK_EVENTS,
        deliveries,
        deliveriesMs: Math.round(best.ms),
        plannedAfterMs: Math.round(best.plannedMs),
        baselineMs: Math.round(rawMs),
        runs: { deliveriesMs: runs.service.map((run) => Math.round(run.ms)), baselineMs: runs.raw.map(Math.round), warmUp: { deliveries: cold.bodies.length, ms: Math.round(cold.ms) } },
        from: 'the edits appended (one append)',
        until: 'the receiver answered the last delivery',
      },
    );
  } finally {
    await service.close();
    await smtp.close();
    await receiver.close();
    await store.close();
    await db.close();
    await database.drop().catch((error: unknown) => log(`could not drop ${database.name}: ${String(error)}`));
  }
}

interface WebhookRun {
  readonly ms: number;
  readonly plannedMs: number;
  /** The bodies the receiver got, for the raw baseline to send again. */
  readonly bodies: string[];
}

/** Appends `events` edits in one append; the time until the receiver has every webhook's delivery of each. */
async function deliverWebhooks(
  { db, store, receiver, requestId }: { db: SqlDatabase; store: EventStore; receiver: { count(): number; bodies: string[] }; requestId: string },
  events: number,
  label: string,
): Promise<WebhookRun> {
  const deliveries = WEBHOOKS * events;
  const before = receiver.count();
  const [planned] = await db.query<{ n: string }>(PLANNED_WEBHOOK_DELIVERIES);
  const edits = Array.from({ length: events }, (_, e) => ({
    id: eventIdFor(randomUUID(), 0),
    type: frmEventsV1.FeatureRequestEdited.$type,
    data: toEventJson(frmEventsV1.FeatureRequestEdited, {
      ...frmEventsV1.FeatureRequestEdited.fromPartial({}),
      featureRequestId: requestId,
      occurredAt: timestampFromDate(new Date()),
      editorId: randomUUID(),
      title: `Seating plan export, take ${e}`,
    }) as JsonObject,
  }));
  // The clock starts once the events are made: it measures their delivery, not this benchmark's encoding.
  const started = performance.now();
  await store.appendToStream(`feature-request-${requestId}`, edits, { expectedRevision: 'any' });
  await waitFor(db, PLANNED_WEBHOOK_DELIVERIES, [], Number(planned?.n) + deliveries, `${label}: webhook deliveries planned`);
  const plannedMs = performance.now() - started;
  const progress = startProgress(`${label}: webhook deliveries received`, deliveries);
  await until(() => (progress.update(receiver.count() - before), receiver.count() - before >= deliveries), `${label}: every webhook delivery received`);
  progress.stop();
  return { ms: performance.now() - started, plannedMs, bodies: receiver.bodies.slice(before, before + deliveries) };
}

/** The same bodies POSTed by undici to the same receiver, `WEBHOOK_IN_FLIGHT` at once; the time it took. */
async function postRaw(receiver: { url: string }, bodies: readonly string[]): Promise<number> {
  const agent = new Agent();
  const started = performance.now();
  await runConcurrently(bodies.length, WEBHOOK_IN_FLIGHT, async (i) => {
    const response = await request(`${receiver.url}/hooks/${i % WEBHOOKS}`, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json' }, body: bodies[i] ?? '{}' });
    await response.body.dump();
  });
  const ms = performance.now() - started;
  await agent.close();
  return ms;
}

async function append<T>(store: EventStore, stream: string, fns: EventMessageFns<T>, message: T): Promise<void> {
  await store.appendToStream(stream, [{ id: eventIdFor(randomUUID(), 0), type: fns.$type, data: toEventJson(fns, message) as JsonObject }], { expectedRevision: 'any' });
}

/** The request's moves, from and to: each fans out to every follower. */
const MOVES = [
  ['SUBMITTED', 'PLANNED'],
  ['PLANNED', 'IN_PROGRESS'],
  ['IN_PROGRESS', 'SHIPPED'],
] as const;

const EVERY_MAIL: frmV1.NotificationPreferences = {
  statusChanged: { inApp: true, email: true },
  shipped: { inApp: true, email: true },
  comments: { inApp: true, email: false },
  digest: 'DIGEST_FREQUENCY_OFF' as frmV1.DigestFrequency,
  quietHours: { enabled: false, start: '', end: '' },
  timeZone: 'UTC',
  weddingDate: '',
  emailAddress: '',
};

/** An SMTP server that counts the mails it accepts. */
async function startCountingSmtpServer() {
  let accepted = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        accepted += 1;
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, count: () => accepted, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** An HTTP receiver that answers 204 and keeps the bodies it got. */
async function startCountingReceiver() {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    count: () => bodies.length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function until(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 600_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within 10 min`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function waitFor(db: SqlDatabase, sql: string, params: unknown[], expected: number, what: string): Promise<void> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const [row] = await db.query<{ n: string }>(sql, params);
    if (Number(row?.n) >= expected) return;
    if (Date.now() > deadline) throw new Error(`${what}: only ${row?.n ?? 0} of ${expected} after 5 min`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

main().catch((error: unknown) => {
  log(`bench:notifications failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
