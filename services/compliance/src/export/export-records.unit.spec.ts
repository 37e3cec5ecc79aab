import fc from 'fast-check';
import type { JsonObject, JsonValue } from '@frm/event-store';
import { countByTable, exportedRecord, recordOfEvent, serialized, tableOf } from './export-records';

const event = { id: 'e1', type: 'frm.events.v1.VoteCast', streamId: 'vote-r-v', recordedAt: new Date('2026-06-01T10:00:00Z') };

describe('export records', () => {
  it('puts each event type in its table', () => {
    expect(tableOf('frm.events.v1.FeatureRequestSubmitted')).toBe('feature_requests');
    expect(tableOf('frm.events.v1.FeatureRequestCommentAdded')).toBe('comments');
    expect(tableOf('frm.events.v1.VoteCast')).toBe('votes');
    expect(tableOf('frm.events.v1.SomethingNew')).toBe('other_events');
  });

  it('carries the watermark and where the event came from, and leaves out other people', () => {
    const record = recordOfEvent(event, { voteId: 'v', voterId: 'me', featureRequestAuthorId: 'someone-else' }, 'w-1');
    expect(record).toEqual({
      table: 'votes',
      id: 'e1',
      row: { watermark: 'w-1', eventId: 'e1', eventType: event.type, streamId: 'vote-r-v', recordedAt: '2026-06-01T10:00:00.000Z', voteId: 'v', voterId: 'me' },
    });
  });

  it('writes the row a spread of the header and the kept members writes, whatever the members are called', () => {
    const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('watermark', 'eventId', 'streamId', 'recordedAt', 'featureRequestAuthorId', '__proto__', '0', '12', 'body'));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.jsonValue({ maxDepth: 2 }))), (members) => {
        const data = JSON.parse(JSON.stringify(Object.fromEntries(members))) as JsonObject;
        const kept: JsonObject = {};
        for (const [field, value] of Object.entries(data)) if (field !== 'featureRequestAuthorId') kept[field] = value as JsonValue;
        const spread = { watermark: 'w-1', eventId: 'e1', eventType: event.type, streamId: 'vote-r-v', recordedAt: '2026-06-01T10:00:00.000Z', ...kept };
        expect(serialized(recordOfEvent(event, data, 'w-1')).json.toString('utf8')).toBe(JSON.stringify(spread));
      }),
    );
  });

  it('gives back on the wire the JSON it serialised, whatever the text', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })), fc.string({ unit: 'binary' }), (data, text) => {
        const record = recordOfEvent(event, { ...(data as JsonObject), text }, 'w-1');
        expect(exportedRecord(serialized(record)).json).toBe(JSON.stringify(record.row));
      }),
      { numRuns: 50 },
    );
  });

  it('counts records by table', () => {
    const records = [recordOfEvent(event, {}, 'w'), recordOfEvent(event, {}, 'w'), recordOfEvent({ ...event, type: 'frm.events.v1.FeatureRequestSubmitted' }, {}, 'w')];
    expect(countByTable(records)).toEqual([
      { table: 'feature_requests', recordCount: 1 },
      { table: 'votes', recordCount: 2 },
    ]);
  });
});
