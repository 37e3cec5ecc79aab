/**
 * `npm run bench:notifications`: a request with FRM_BENCH_VOTERS (10,000) voters ships, and the
 * notifications service writes one inbox notification per follower. Measured: inbox notifications
 * written per second, from the status change's append until the last one is readable, against the
 * same rows written by one raw batched INSERT … SELECT into a table of the same shape and index, in
 * the same database, same run (target ratio 0.3).
 *
 * Set-up: a fresh database on FRM_BENCH_DATABASE_URL (default the local server); the event store
 * there; the history appended as intake and voting would; the service in this process. E-mail and
 * webhook deliveries are not measured yet: they are not wired to the service. JSON lines on
 * stdout, progress on stderr.
 */
import { randomUUID } from 'node:crypto';
import { createBenchDatabase, reportResult, runConcurrently, startProgress } from '@frm/bench';
import { frmEventsV1, timestampFromDate, toEventJson, type EventMessageFns } from '@frm/contracts';
import { eventIdFor, openPostgresEventStore, type EventStore, type JsonObject } from '@frm/event-store';
import { createLogger } from '@frm/logging';
import { openPgDatabase, type SqlDatabase } from '@frm/postgres';
import { startNotificationsService } from '../src';

const serverUrl = process.env['FRM_BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const VOTERS = Number(process.env['FRM_BENCH_VOTERS'] ?? 10_000);
const RATIO_TARGET = 0.3;
const log = (text: string) => process.stderr.write(`${text}\n`);

async function main(): Promise<void> {
  const database = await createBenchDatabase(serverUrl, 'bench_notifications');
  const db = await openPgDatabase({ connectionString: database.url, maxConnections: 16 });
  const store = await openPostgresEventStore(db);
  const service = await startNotificationsService({ db, logger: createLogger({ service: 'notifications', level: 'warn' }), port: 0 });
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
    const progress = startProgress('votes appended', VOTERS);
    await runConcurrently(VOTERS, 16, async (i) => {
      const voterId = voters[i] as string;
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

    // Measured: the status change's append until every follower's notification is readable.
    const started = performance.now();
    await append(store, `feature-request-${requestId}`, frmEventsV1.FeatureRequestStatusChanged, {
      ...frmEventsV1.FeatureRequestStatusChanged.fromPartial({}),
      featureRequestId: requestId,
      occurredAt: timestampFromDate(new Date()),
      actorId: randomUUID(),
      fromStatus: 'FEATURE_REQUEST_STATUS_IN_PROGRESS' as frmEventsV1.FeatureRequestStatus,
      toStatus: 'FEATURE_REQUEST_STATUS_SHIPPED' as frmEventsV1.FeatureRequestStatus,
    });
    await waitFor(db, `select count(*)::text as n from projection_notifications.notifications where feature_request_id = $1`, [requestId], VOTERS + 1, 'inbox notifications written');
    const fanOutMs = performance.now() - started;

    // Baseline: the same rows, one raw batched INSERT … SELECT into a table of the same shape and index.
    await db.exec(`create table bench_inbox (like projection_notifications.notifications including all)`);
    await db.exec(`create table bench_followers as select * from projection_notifications.followers where feature_request_id = '${requestId}'`);
    const baselineStarted = performance.now();
    await db.query(
      `insert into bench_inbox (id, recipient_id, feature_request_id, kind, from_status, to_status, occurred_at)
       select md5($1 || '/' || subject_id)::uuid, subject_id, feature_request_id, 'NOTIFICATION_KIND_SHIPPED', 'a', 'b', now() from bench_followers`,
      [randomUUID()],
    );
    const baselineMs = performance.now() - baselineStarted;
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
        from: 'the status change appended',
        until: 'every notification readable',
      },
    );
  } finally {
    await service.close();
    await store.close();
    await db.close();
    await database.drop().catch((error: unknown) => log(`could not drop ${database.name}: ${String(error)}`));
  }
}

async function append<T>(store: EventStore, stream: string, fns: EventMessageFns<T>, message: T): Promise<void> {
  await store.appendToStream(stream, [{ id: eventIdFor(randomUUID(), 0), type: fns.$type, data: toEventJson(fns, message) as JsonObject }], { expectedRevision: 'any' });
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
