import { allStreamEvent as resolved, logPosition as at } from './all-stream-event.fixture';
import { CheckpointReached, toSubscriptionBatch } from './subscription-batch';

describe('subscription batches from EventStoreDB', () => {
  it('delivers events in order with the last position as checkpoint', () => {
    const batch = toSubscriptionBatch([resolved(10), resolved(20)], undefined, undefined);
    expect(batch?.events.map((e) => e.data)).toEqual([{ at: 10 }, { at: 20 }]);
    expect(batch?.checkpoint).toEqual(at(20));
  });

  it('moves the checkpoint past what the server scanned, even with no event to deliver', () => {
    const items = [resolved(10, 'Other'), new CheckpointReached(at(40))];
    expect(toSubscriptionBatch(items, undefined, { eventTypePrefixes: ['Vote'] })).toEqual({ events: [], checkpoint: at(40) });
  });

  it('drops what is not after the checkpoint, system records and what the filter refuses', () => {
    const batch = toSubscriptionBatch(
      [
        resolved(10),
        new CheckpointReached(at(5)),
        resolved(20, '$metadata', '$$vote-1-2'),
        resolved(30, 'VoteCast', 'request-1'),
        resolved(40, 'VoteCast'),
      ],
      at(10),
      { streamPrefixes: ['vote-'] },
    );
    expect(batch?.events.map((e) => e.position)).toEqual([at(40)]);
    expect(batch?.checkpoint).toEqual(at(40));
  });

  it('has nothing to deliver when nothing moved past the checkpoint', () => {
    expect(toSubscriptionBatch([resolved(10), new CheckpointReached(at(10))], at(10), undefined)).toBeUndefined();
    expect(toSubscriptionBatch([], undefined, undefined)).toBeUndefined();
  });
});
