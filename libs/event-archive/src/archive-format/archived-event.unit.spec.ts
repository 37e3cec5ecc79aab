import type { RecordedEvent } from '@frm/event-store';
import { decodeArchivedEvent, encodeArchivedEvent } from './archived-event';

const event: RecordedEvent = {
  id: '0b9d7c2e-8a43-4c55-9e62-3f0f8d1e2a11',
  streamId: 'feature-request-42',
  revision: 9007199254740993n,
  type: 'frm.events.v1.FeatureRequestSubmitted',
  data: { title: 'Seating plan export ✨', tags: ['venue', 'planner'], weight: 1.5, nested: { empty: null } },
  metadata: { correlationId: 'c-1', actor: 'u-1', schemaVersion: 1 },
  recordedAt: new Date('2025-06-14T12:00:01.123Z'),
  position: { commit: 18446744073709551615n, prepare: 7n },
};

describe('archived event lines', () => {
  it('round-trip every field, big numbers exactly', () => {
    const line = encodeArchivedEvent(event);
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toMatchObject({ revision: '9007199254740993', position: '18446744073709551615/7', recordedAt: '2025-06-14T12:00:01.123Z' });
    expect(decodeArchivedEvent(line, 'f line 2')).toEqual(event);
  });

  it('name the file and line of a line that is not an event', () => {
    expect(() => decodeArchivedEvent('{"id":"x"', 'segment-000007.ndjson.gz line 5')).toThrow(/segment-000007\.ndjson\.gz line 5 is not JSON/);
    expect(() => decodeArchivedEvent('{"id":"x"}', 'f line 3')).toThrow(/f line 3 is not an archived event/);
    const badTime = JSON.stringify({ ...JSON.parse(encodeArchivedEvent(event)), recordedAt: 'yesterday' });
    expect(() => decodeArchivedEvent(badTime, 'f line 4')).toThrow(/"yesterday", which is not a time/);
  });
});
