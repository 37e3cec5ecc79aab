import { randomUUID } from 'node:crypto';
import { mulberry32 } from '@frm/bench';
import { frmEventsV1, frmV1, timestampFromDate, toEventJson, type EventMessageFns } from '@frm/contracts';
import { eventIdFor, openPostgresEventStore, type EventStore, type JsonObject } from '@frm/event-store';
import { pgliteEventStore, recordedEvent } from '@frm/event-store/testing';
import { quoteIdent, type SqlDatabase } from '@frm/postgres';
import { projectionSchema } from '@frm/projections';
import { projectInBatches } from '@frm/projections/testing';
import type { TestPglite } from '@frm/testing';
import { notificationsProjectionWith } from '../src/inbox/notifications.projection';
import { preferencesEventData, preferencesStreamId } from '../src/preferences/preferences-event.codec';
import { History } from './support/history';

const EDITED = frmEventsV1.FeatureRequestEdited.$type;
const STATUS_CHANGED = frmEventsV1.FeatureRequestStatusChanged.$type;

describe('the notifications projection, batch handler', () => {
  let pg: TestPglite;
  let store: EventStore;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ pg, store, cleanup } = await pgliteEventStore());
  });

  afterAll(() => cleanup());

  async function append<T>(stream: string, fns: EventMessageFns<T>, message: T): Promise<void> {
    await store.appendToStream(stream, [{ id: eventIdFor(randomUUID(), 0), type: fns.$type, data: toEventJson(fns, message) as JsonObject }], { expectedRevision: 'any' });
  }

  /** Long runs of votes and edits between submissions, status changes, comments and webhooks made and disabled. */
  async function randomHistory(seed: number, steps: number): Promise<void> {
    const random = mulberry32(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const history = new History(store);
    const people = Array.from({ length: 12 }, () => randomUUID());
    const requests = [await history.submit(pick(people), 'First'), await history.submit(pick(people), 'Second')];
    const webhooks: string[] = [];
    for (let step = 0; step < steps; step++) {
      const roll = random();
      const request = pick(requests);
      if (roll < 0.35) await history.vote(request, pick(people));
      else if (roll < 0.37) {
        const target = pick(requests);
        if (target !== request) {
          await append(`vote-${request}-x`, frmEventsV1.VoteMoved, {
            ...frmEventsV1.VoteMoved.fromPartial({}),
            voteId: randomUUID(),
            occurredAt: timestampFromDate(new Date()),
            featureRequestId: request,
            voterId: pick(people),
            targetFeatureRequestId: target,
            targetVoteId: randomUUID(),
          });
        }
      } else if (roll < 0.65) {
        await append(`feature-request-${request}`, frmEventsV1.FeatureRequestEdited, {
          ...frmEventsV1.FeatureRequestEdited.fromPartial({}),
          featureRequestId: request,
          occurredAt: timestampFromDate(new Date()),
          editorId: pick(people),
          ...(random() < 0.7 ? { title: `Title ${step}` } : { description: `Description ${step}` }),
        });
      } else if (roll < 0.72) requests.push(await history.submit(pick(people), `Request ${step}`));
      else if (roll < 0.78) await history.changeStatus(request, pick(people), 'submitted', pick(['planned', 'in_progress', 'shipped']), `Reason ${step}`);
      else if (roll < 0.82) await history.comment(request, pick(people));
      else if (roll < 0.88) {
        const webhookId = randomUUID();
        webhooks.push(webhookId);
        await append(`webhook-${webhookId}`, frmEventsV1.WebhookCreated, {
          webhookId,
          occurredAt: timestampFromDate(new Date()),
          ownerId: pick(people),
          url: `https://hooks.example.com/${step}`,
          eventTypes: pick([[], [EDITED], [STATUS_CHANGED]]),
          secret: 'whsec_c2VjcmV0',
        });
      } else if (roll < 0.9 && webhooks.length > 0) {
        const webhookId = pick(webhooks);
        await append(`webhook-${webhookId}`, frmEventsV1.WebhookDisabled, { webhookId, occurredAt: timestampFromDate(new Date()), reason: `failing ${step}` });
      } else await history.vote(pick(requests), randomUUID());
    }
  }

  async function rows(db: SqlDatabase, schema: string) {
    const s = projectionSchema(schema);
    return {
      requests: await db.query(`select * from ${s.table('requests')} order by id`),
      followers: await db.query(`select * from ${s.table('followers')} order by feature_request_id, subject_id`),
      notifications: await db.query(`select * from ${s.table('notifications')} order by id`),
      deliveries: await db.query(`select * from ${s.table('deliveries')} order by id`),
      // The order deliveries were planned in: to each recipient, the order of the events.
      plannedOrder: (await db.query<{ delivery_id: string }>(`select delivery_id from ${quoteIdent(`${schema}_log`)}.delivery_state order by recipient_id, planned_seq`)).map(
        (row) => row.delivery_id,
      ),
    };
  }

  it('leaves the same rows, and plans the same deliveries in the same order, as applying the events one by one', async () => {
    await randomHistory(20261127, 500);
    await projectInBatches({
      projection: (schema) => notificationsProjectionWith(`${schema}_log`),
      eventStore: store,
      db: pg.db,
      copies: { one_by_one: 1, batched: 500, regrouped: 7 },
    });
    const expected = await rows(pg.db, 'one_by_one');
    expect(expected.followers.length).toBeGreaterThan(30);
    expect(expected.deliveries.filter((d) => (d as { event_type: string }).event_type === EDITED).length).toBeGreaterThan(100);
    expect(await rows(pg.db, 'batched')).toEqual(expected);
    expect(await rows(pg.db, 'regrouped')).toEqual(expected);
  }, 120_000);

  it('plans nothing for a person erased after a fan-out that named them, whatever the batches', async () => {
    // A store of its own: the fan-out and the erasure are then sure to come in one batch of 500.
    const own = await openPostgresEventStore(pg.db, { schema: 'erasure_history' });
    const history = new History(own);
    const [author, staff, erased, kept] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    for (const voter of [erased, kept]) {
      await own.appendToStream(
        preferencesStreamId(voter),
        [{ id: randomUUID(), type: frmEventsV1.RecipientPreferencesUpdated.$type, data: preferencesEventData(voter, new Date(), { ...MAIL_ON_SHIPPING, emailAddress: `${voter}@example.com` }) }],
        { expectedRevision: 'any' },
      );
    }
    const request = await history.submit(author, 'Seating plan export');
    await history.vote(request, erased);
    await history.vote(request, kept);
    await history.changeStatus(request, staff, 'planned', 'shipped', 'Out today');
    await history.erase(erased);

    await projectInBatches({ projection: (schema) => notificationsProjectionWith(`${schema}_log`), eventStore: own, db: pg.db, copies: { erased_one_by_one: 1, erased_in_one_batch: 500 } });
    await own.close();

    for (const schema of ['erased_one_by_one', 'erased_in_one_batch']) {
      const s = projectionSchema(schema);
      const planned = await pg.db.query<{ recipient_id: string; channel: string }>(`select recipient_id, channel from ${s.table('deliveries')} where channel = 'email'`);
      expect({ schema, planned }).toEqual({ schema, planned: [{ recipient_id: kept, channel: 'email' }] });
      const open = await pg.db.query(`select recipient_id from ${quoteIdent(`${schema}_log`)}.delivery_state where recipient_id = $1 and status <> 'suppressed'`, [erased]);
      expect({ schema, open }).toEqual({ schema, open: [] });
      expect(await pg.db.query(`select * from ${s.table('fan_out_plans')}`)).toEqual([]);
    }
  });
});

describe('the notifications batch handler, a run of follows', () => {
  it('goes on past submissions: one upsert of the followers for the votes around them', () => {
    const schema = projectionSchema('p');
    const projection = notificationsProjectionWith('p_log');
    const recorded = <T>(fns: EventMessageFns<T>, message: T) => recordedEvent({ type: fns.$type, data: toEventJson(fns, message) as JsonObject }, 1);
    const request = randomUUID();
    const vote = () => recorded(frmEventsV1.VoteCast, { ...frmEventsV1.VoteCast.fromPartial({}), voteId: randomUUID(), featureRequestId: request, voterId: randomUUID() });
    const submitted = () => recorded(frmEventsV1.FeatureRequestSubmitted, { ...frmEventsV1.FeatureRequestSubmitted.fromPartial({}), featureRequestId: randomUUID(), authorId: randomUUID(), title: 'T' });
    const statements = projection.handleBatch?.([vote(), vote(), submitted(), vote(), submitted(), vote()], schema) ?? [];
    const followRuns = statements.filter((statement) => /^insert into "p"\."followers".*jsonb_to_recordset/s.test(statement.sql));
    expect(followRuns).toHaveLength(1);
    expect(JSON.parse(String(followRuns[0]?.params?.[0]))).toHaveLength(4);
  });
});

const MAIL_ON_SHIPPING: frmV1.NotificationPreferences = {
  ...frmV1.NotificationPreferences.fromPartial({}),
  statusChanged: { inApp: true, email: true },
  shipped: { inApp: true, email: true },
};
