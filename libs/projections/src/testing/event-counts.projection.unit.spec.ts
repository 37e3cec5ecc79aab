import type { RecordedEvent } from '@frm/event-store';
import { projectionRegistry } from '../projection-registry';
import { projectionSchema } from '../projection-schema';
import { eventCountsProjection } from './event-counts.projection';

const event = (overrides: Partial<RecordedEvent> = {}): RecordedEvent => ({
  id: '6f1c2f8e-0a57-4b53-9a34-1d1b1c4f2f11',
  type: 'Counted.Vote',
  data: {},
  metadata: {},
  streamId: 'vote-42',
  revision: 3n,
  position: { commit: 10n, prepare: 7n },
  recordedAt: new Date('2025-06-14T10:00:00Z'),
  ...overrides,
});

describe('the event_counts example projection', () => {
  const schema = projectionSchema('live_copy');

  it('upserts the stream and the type, naming tables in the schema it is given', () => {
    const statements = eventCountsProjection.handle(event({ data: { weight: 3 } }), schema);
    expect(statements).toHaveLength(2);
    expect(statements[0]?.sql).toContain('insert into "live_copy"."stream_counts"');
    expect(statements[0]?.params).toEqual(['vote-42', '3']);
    expect(statements[1]?.sql).toContain('"live_copy"."type_counts"');
    expect(statements[1]?.params).toEqual(['Counted.Vote', 3]);
  });

  it('counts an event without a weight as 1', () => {
    expect(eventCountsProjection.handle(event(), schema)[1]?.params).toEqual(['Counted.Vote', 1]);
  });

  it('refuses a weight that is not a whole number, naming the event', () => {
    expect(() => eventCountsProjection.handle(event({ data: { weight: 'heavy' } }), schema)).toThrow(
      'Counted.Vote 6f1c2f8e-0a57-4b53-9a34-1d1b1c4f2f11 has weight "heavy"',
    );
  });

  it('is pure: the same event gives the same statements', () => {
    expect(eventCountsProjection.handle(event(), schema)).toEqual(eventCountsProjection.handle(event(), schema));
  });

  it('creates its tables inside the schema it is given', () => {
    const ddl = eventCountsProjection.schemaSql(projectionSchema('shadow_copy'));
    expect(ddl).toHaveLength(2);
    for (const statement of ddl) expect(statement).toContain('"shadow_copy".');
  });

  it('registers itself when its module is imported', () => {
    expect(projectionRegistry.get('event_counts')).toBe(eventCountsProjection);
  });
});
