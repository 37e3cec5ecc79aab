import { EventIdReusedError, WrongExpectedRevisionError } from '../errors';
import { classifyRefusal, compareWithStored } from './append-refusal';

const ids = ['0b6e2a7c-3f7e-4d8e-9d0a-6b7e2a0c9e51', '1c7f3b8d-4a8f-4e9f-8e1b-7c8f3b1d0f62'];

describe('refused appends on EventStoreDB', () => {
  it('names the actual revision when the stream is behind or missing', () => {
    const behind = classifyRefusal('order-1', ids, 5n, 3n);
    expect(behind).toEqual({ kind: 'refused', error: expect.any(WrongExpectedRevisionError) });
    expect(behind.kind === 'refused' && behind.error).toMatchObject({ streamId: 'order-1', expected: 5n, actual: 3n });

    expect(classifyRefusal('order-1', ids, 0n, 'none')).toMatchObject({ error: { expected: 0n, actual: 'none' } });
    expect(classifyRefusal('order-1', ids, 'stream_exists', 'none')).toMatchObject({
      error: { name: 'WrongExpectedRevisionError', expected: 'stream_exists', actual: 'none' },
    });
  });

  it('looks at the stored events when the stream moved past the expected revision', () => {
    expect(classifyRefusal('order-1', ids, 1n, 4n)).toEqual({ kind: 'stream-moved-on', fromRevision: 2n, actual: 4n });
    expect(classifyRefusal('vote-1', ids, 'no_stream', 0n)).toEqual({ kind: 'stream-moved-on', fromRevision: 0n, actual: 0n });
  });

  it('reads a refusal of "any" or "stream exists" on an existing stream as a partial repeat of event ids', () => {
    for (const expected of ['any', 'stream_exists'] as const) {
      const refusal = classifyRefusal('order-1', ids, expected, 2n);
      expect(refusal).toEqual({ kind: 'refused', error: expect.any(EventIdReusedError) });
      expect(refusal.kind === 'refused' && refusal.error).toMatchObject({ streamId: 'order-1', eventIds: ids });
    }
  });

  it('tells a retry, a reuse of ids and another writer apart by the stored ids', () => {
    const [a, b] = ids as [string, string];
    expect(compareWithStored([a, b], [a.toUpperCase(), b])).toBe('same-append');
    expect(compareWithStored([a, 'other'], [a, b])).toBe('ids-reused');
    expect(compareWithStored([a], [a, b])).toBe('ids-reused');
    expect(compareWithStored(['other'], [b, a])).toBe('other-writer');
    expect(compareWithStored(['x', 'y'], [a, b])).toBe('other-writer');
  });
});
