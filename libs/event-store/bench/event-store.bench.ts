/**
 * `npm run bench:event-store`: the Postgres adapter against raw SQL on the same server, same run.
 *  - append: single-event appends to distinct streams, 32 writers, vs raw single-row INSERTs into a
 *    table of the same shape at the same concurrency;
 *  - read all: 200,000 events from the start vs a raw keyset-paged scan of the same table.
 */
import { randomUUID } from 'node:crypto';
import { reportResult, runConcurrently, startProgress } from '@frm/bench';
import { openPgDatabase, quoteIdent, type SqlDatabase } from '@frm/postgres';
import { openPostgresEventStore, type EventStore } from '../src';

const url = process.env['FRM_BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const WRITERS = 32;
const APPENDS = Number(process.env['FRM_BENCH_APPENDS'] ?? 20_000);
const READ_EVENTS = Number(process.env['FRM_BENCH_READ_EVENTS'] ?? 200_000);
const PAGE_SIZE = 1_000;

const payload = (i: number) => ({
  featureRequestId: randomUUID(),
  voterId: randomUUID(),
  weight: 1,
  ipHash: `h${i.toString(16).padStart(16, '0')}`,
  castAt: new Date().toISOString(),
});

async function main(): Promise<void> {
  const schema = `bench_es_${randomUUID().slice(0, 8)}`;
  const db = await openPgDatabase({ connectionString: url, maxConnections: WRITERS + 2 });
  const store = await openPostgresEventStore(db, { schema });
  const events = `${quoteIdent(schema)}.events`;
  const raw = `${quoteIdent(schema)}.raw_events`;
  try {
    await db.exec(`create table ${raw} (like ${events} including all)`);
    await benchAppend(db, store, raw);
    await benchReadAll(db, store, events);
  } finally {
    await store.close();
    await db.exec(`drop schema ${quoteIdent(schema)} cascade`);
    await db.close();
  }
}

async function benchAppend(db: SqlDatabase, store: EventStore, raw: string): Promise<void> {
  const rawInsert = (i: number) =>
    db.query(
      `insert into ${raw} (event_id, stream_id, stream_revision, event_type, data, metadata)
       values ($1, $2, 0, 'frm.events.v1.VoteCast', $3::jsonb, $4::jsonb)`,
      [randomUUID(), `vote-raw-${i}-${randomUUID()}`, JSON.stringify(payload(i)), JSON.stringify({ actor: 'bench' })],
    );
  const append = (i: number) =>
    store.appendToStream(
      `vote-${i}-${randomUUID()}`,
      [{ id: randomUUID(), type: 'frm.events.v1.VoteCast', data: payload(i), metadata: { actor: 'bench' } }],
      { expectedRevision: 'no_stream' },
    );

  await runConcurrently(1_000, WRITERS, rawInsert);
  await runConcurrently(1_000, WRITERS, append);

  let progress = startProgress('append: baseline raw INSERT', APPENDS);
  const baseline = await runConcurrently(APPENDS, WRITERS, rawInsert, progress);
  progress.stop();
  progress = startProgress('append: event store', APPENDS);
  const measured = await runConcurrently(APPENDS, WRITERS, append, progress);
  progress.stop();

  reportResult(
    'event_store.append.single_event_distinct_streams',
    { value: measured.perSecond, unit: 'events/s', baseline: baseline.perSecond, target: 0.6 },
    {
      writers: WRITERS,
      events: APPENDS,
      p50Ms: round(measured.p50Ms),
      p99Ms: round(measured.p99Ms),
      baselineP50Ms: round(baseline.p50Ms),
      baselineP99Ms: round(baseline.p99Ms),
    },
  );
}

async function benchReadAll(db: SqlDatabase, store: EventStore, events: string): Promise<void> {
  const [{ count }] = (await db.query<{ count: string }>(`select count(*)::text as count from ${events}`)) as [{ count: string }];
  const missing = READ_EVENTS - Number(count);
  if (missing > 0) {
    const perAppend = 100;
    const progress = startProgress('read all: writing events', missing);
    await runConcurrently(Math.ceil(missing / perAppend), 8, async (i) => {
      const batch = Array.from({ length: Math.min(perAppend, missing - i * perAppend) }, (_, j) => ({
        id: randomUUID(),
        type: 'frm.events.v1.VoteCast',
        data: payload(i * perAppend + j),
        metadata: { actor: 'bench' },
      }));
      await store.appendToStream(`fill-${i}`, batch, { expectedRevision: 'no_stream' });
      progress.increment(batch.length);
    });
    progress.stop();
  }
  await db.exec(`vacuum analyze ${events}`);

  const rawScan = async () => {
    let after = '0';
    let total = 0;
    for (;;) {
      const rows = await db.query<{ prepare: string }>(
        `select global_position::text as prepare, transaction_id::text as commit, event_id::text, stream_id,
                stream_revision::text as revision, event_type, data, metadata, recorded_at
         from ${events} where global_position > $1::bigint order by global_position limit ${PAGE_SIZE}`,
        [after],
      );
      if (rows.length === 0) return total;
      total += rows.length;
      after = (rows[rows.length - 1] as { prepare: string }).prepare;
    }
  };
  const readAll = async () => {
    let total = 0;
    for await (const page of store.readAll({ pageSize: PAGE_SIZE })) total += page.length;
    return total;
  };

  await rawScan();
  await readAll();
  const time = async (label: string, scan: () => Promise<number>) => {
    process.stderr.write(`${label}…\n`);
    const t0 = performance.now();
    const total = await scan();
    return (total * 1000) / (performance.now() - t0);
  };
  const baseline = await time('read all: baseline keyset scan', rawScan);
  const measured = await time('read all: event store', readAll);
  reportResult(
    'event_store.read_all.from_start',
    { value: measured, unit: 'events/s', baseline, target: 0.5 },
    { events: READ_EVENTS, pageSize: PAGE_SIZE },
  );
}

const round = (value: number) => Math.round(value * 100) / 100;

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
