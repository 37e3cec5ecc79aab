import { countByTable, recordOfEvent, tableOf } from './export-records';

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

  it('counts records by table', () => {
    const records = [recordOfEvent(event, {}, 'w'), recordOfEvent(event, {}, 'w'), recordOfEvent({ ...event, type: 'frm.events.v1.FeatureRequestSubmitted' }, {}, 'w')];
    expect(countByTable(records)).toEqual([
      { table: 'feature_requests', recordCount: 1 },
      { table: 'votes', recordCount: 2 },
    ]);
  });
});
