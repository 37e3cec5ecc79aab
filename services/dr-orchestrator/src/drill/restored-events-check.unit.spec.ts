import type { RecordedEvent } from '@frm/event-store';
import { eventDifference } from './restored-events-check';

const live: RecordedEvent = {
  id: '0d7c4f4e-8d0e-4d8e-9f57-5f7c1c0b6a11',
  type: 'frm.events.v1.VoteCast',
  streamId: 'vote-a-b',
  revision: 0n,
  position: { commit: 900n, prepare: 12n },
  recordedAt: new Date('2026-06-06T12:00:00.123Z'),
  data: { weight: 1, signals: { ipHash: 'x', deviceHash: 'y' } },
  metadata: { correlationId: 'c', causationId: 'd' },
};

describe('eventDifference', () => {
  it('finds none between an event and its restored copy at another position, whatever the order of its keys', () => {
    const restored = { ...live, position: { commit: 5n, prepare: 5n }, data: { signals: { deviceHash: 'y', ipHash: 'x' }, weight: 1 } };
    expect(eventDifference(live, restored)).toBeUndefined();
  });

  it('names every field that differs, without their values', () => {
    const restored = { ...live, revision: 1n, recordedAt: new Date('2026-06-06T12:00:00.124Z'), data: { ...live.data, weight: 2 } };
    expect(eventDifference(live, restored)).toBe(`event ${live.id} differs in its revision, recording time, data`);
    expect(eventDifference(live, { ...live, type: 'frm.events.v1.VoteRetracted', streamId: 'vote-a-c', metadata: {} })).toBe(`event ${live.id} differs in its type, stream, metadata`);
  });

  it('names both ids when another event stands in its place', () => {
    const other = { ...live, id: 'a1b2c3d4-0000-4000-8000-000000000000' };
    expect(eventDifference(live, other)).toBe(`the live store has event ${live.id} where the restored one has ${other.id}`);
  });
});
