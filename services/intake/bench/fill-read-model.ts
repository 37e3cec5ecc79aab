import { randomUUID } from 'node:crypto';
import { loadEventSchemaRegistry } from '@frm/contracts';
import { eventIdFor, openPostgresEventStore, withSchemaValidation, type NewEvent } from '@frm/event-store';
import { runConcurrently, startProgress } from '@frm/bench';
import type { SqlDatabase } from '@frm/postgres';
import { CATEGORIES, streamIdOf, type FeatureRequestEvent } from '../src/feature-requests/domain';
import { encodeEvent } from '../src/feature-requests/event-codec/feature-request-event.codec';

const WRITERS = 8;
const SCHEMA_VERSION = 1;

/**
 * Appends `count` feature-request histories straight to intake's event store (schema `event_store`,
 * with intake's event codec and schema validation, as its repository writes them): one
 * multi-event append per request (submitted, then 0–2 comments). The running intake projection
 * puts them in the read model; see {@link waitForReadModel}.
 */
export async function appendFeatureRequests(db: SqlDatabase, count: number): Promise<number> {
  if (count <= 0) return 0;
  const store = withSchemaValidation(await openPostgresEventStore(db, { schema: 'event_store' }), loadEventSchemaRegistry());
  const yearMs = 365 * 24 * 3600 * 1000;
  let events = 0;
  const progress = startProgress('list: appending requests to store', count);
  try {
    await runConcurrently(count, WRITERS, async (i) => {
      const featureRequestId = randomUUID();
      const commandId = randomUUID();
      const authorId = randomUUID();
      const submittedAt = new Date(Date.now() - yearMs + Math.floor(Math.random() * yearMs));
      const history: FeatureRequestEvent[] = [
        {
          type: 'FeatureRequestSubmitted',
          featureRequestId,
          occurredAt: submittedAt,
          authorId,
          title: `Filled request ${i}: ${CATEGORIES[i % CATEGORIES.length]} improvement`,
          description: `Generated for the intake benchmark; request number ${i}. `.repeat(4),
          category: CATEGORIES[i % CATEGORIES.length] as string,
          tags: ['bench', `t${i % 20}`],
          weddingContext: i % 2 === 0 ? { supplierType: 'photographer', weddingDate: '' } : null,
        },
      ];
      for (let c = 0; c < i % 3; c++) {
        history.push({
          type: 'FeatureRequestCommentAdded',
          featureRequestId,
          occurredAt: new Date(submittedAt.getTime() + (c + 1) * 60_000),
          commentId: randomUUID(),
          authorId: randomUUID(),
          body: `Comment ${c} on request ${i}`,
        });
      }
      const newEvents: NewEvent[] = history.map((event, index) => ({
        id: eventIdFor(commandId, index),
        ...encodeEvent(event),
        metadata: { causationId: commandId, actor: authorId, schemaVersion: SCHEMA_VERSION },
      }));
      await store.appendToStream(streamIdOf(featureRequestId), newEvents, { expectedRevision: 'no_stream' });
      events += newEvents.length;
      progress.increment();
    });
  } finally {
    progress.stop();
    await store.close();
  }
  return events;
}

/** Waits until the read model table holds `rows` rows, with a progress bar on stderr. */
export async function waitForReadModel(db: SqlDatabase, table: string, rows: number, timeoutMs = 600_000): Promise<number> {
  const started = performance.now();
  const progress = startProgress('list: projection catching up', rows);
  let seen = 0;
  try {
    for (;;) {
      const [row] = await db.query<{ count: string }>(`select count(*)::text as count from ${table}`);
      const count = Number(row?.count ?? 0);
      progress.increment(Math.min(count, rows) - seen);
      seen = Math.min(count, rows);
      if (count >= rows) return performance.now() - started;
      if (performance.now() - started > timeoutMs) throw new Error(`the read model reached ${count} of ${rows} rows in ${timeoutMs} ms`);
      await new Promise((wake) => setTimeout(wake, 250));
    }
  } finally {
    progress.stop();
  }
}
