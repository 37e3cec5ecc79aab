import { randomUUID } from 'node:crypto';
import { type EventStore } from '@frm/event-store';
import { pgliteEventStore } from '@frm/event-store/testing';
import { projectionSchema } from '@frm/projections';
import { projectInBatches } from '@frm/projections/testing';
import type { TestPglite } from '@frm/testing';
import { subjectIndexProjection } from './subject-index.projection';

describe('the subject index, batch handler', () => {
  let pg: TestPglite;
  let store: EventStore;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ pg, store, cleanup } = await pgliteEventStore());
  });

  afterAll(() => cleanup());

  it('indexes each subject in each stream once, first seen when one by one would, however the events are grouped', async () => {
    const people = Array.from({ length: 6 }, () => randomUUID());
    const requests = Array.from({ length: 4 }, () => randomUUID());
    const acted = new Set<string>();
    for (let i = 0; i < 120; i++) {
      const request = requests[i % requests.length] as string;
      const person = people[(i * 7) % people.length] as string;
      // Votes, edits by the author and by staff (an actor in the metadata), and a service acting (not a person).
      const event: { type: string; data: Record<string, string>; metadata: Record<string, string> } =
        i % 3 === 0
          ? { type: 'frm.events.v1.VoteCast', data: { voterId: person, featureRequestId: request, featureRequestAuthorId: people[0] as string }, metadata: {} }
          : i % 3 === 1
            ? { type: 'frm.events.v1.FeatureRequestEdited', data: { editorId: person.toUpperCase(), featureRequestId: request }, metadata: { actor: people[(i + 1) % people.length] as string } }
            : { type: 'frm.events.v1.FeatureRequestStatusChanged', data: { actorId: 'fraud-detection', featureRequestId: request }, metadata: {} };
      for (const subject of [event.data['voterId'], event.data['editorId'], event.metadata['actor']]) if (subject) acted.add(`${subject.toLowerCase()} ${request}`);
      await store.appendToStream(`feature-request-${request}`, [{ id: randomUUID(), ...event }], { expectedRevision: 'any' });
    }
    await projectInBatches({ projection: subjectIndexProjection, eventStore: store, db: pg.db, copies: { one_by_one: 1, batched: 500, regrouped: 7 } });
    const rows = (schema: string) =>
      pg.db.query(`select subject_id, stream_id, first_seen_at from ${projectionSchema(schema).table('subject_streams')} order by subject_id, stream_id`);
    const expected = await rows('one_by_one');
    // Everyone who voted or edited, in the streams they acted in; the author of a voted request only where they acted.
    expect(expected.length).toBe(acted.size);
    expect(acted.size).toBeGreaterThan(10);
    expect(await rows('batched')).toEqual(expected);
    expect(await rows('regrouped')).toEqual(expected);
  });
});
