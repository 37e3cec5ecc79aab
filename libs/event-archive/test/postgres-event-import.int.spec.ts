import { randomUUID } from 'node:crypto';
import { ImportConflictError, TargetNotEmptyError, type EventImportProgress, type ImportedEvent } from '@frm/event-store';
import { engines, type ArchiveTestStores } from './support/event-store-engines';
import { allEvents, sampleEvent } from './support/sample-events';

function recorded(streamId: string, revision: number, at: number): ImportedEvent {
  const { id, type, data, metadata } = sampleEvent();
  return { id, type, data, metadata: metadata ?? {}, streamId, revision: BigInt(revision), recordedAt: new Date(at) };
}

// Streams interleaved and record times not in order: the import keeps the input's order, not another one.
const history: ImportedEvent[] = [
  recorded('feature-request-1', 0, 1_750_000_005_000),
  recorded('vote-1-a', 0, 1_750_000_001_123),
  recorded('feature-request-1', 1, 1_750_000_009_999),
  recorded('vote-1-b', 0, 1_750_000_002_000),
  recorded('vote-1-a', 1, 1_750_000_003_000),
  recorded('feature-request-2', 0, 1_750_000_004_000),
  recorded('feature-request-1', 2, 1_750_000_006_000),
];

describe.each(engines)('importing recorded events on $name (libs/event-store openPostgresEventImport)', (engine) => {
  let stores: ArchiveTestStores;

  beforeEach(async () => (stores = await engine.open()));
  afterEach(() => stores.dispose());

  it('keeps ids, streams, revisions, types, data, metadata and record times, in the input order, over several batches', async () => {
    const target = await stores.openTarget();
    const progress: EventImportProgress[] = [];
    const result = await target.importer.importEvents(history, { batchSize: 3, onProgress: (p) => progress.push(p) });
    expect(result).toEqual({ imported: 7, skipped: 0 });
    expect(progress.map((p) => p.done)).toEqual([3, 6, 7]);
    expect(await allEvents(target.eventStore)).toEqual(history);
    const positions: string[] = [];
    for await (const page of target.eventStore.readAll()) positions.push(...page.map((e) => `${e.position.commit}/${e.position.prepare}`));
    expect(new Set(positions).size).toBe(7);
  });

  it('leaves a store that takes appends after the imported revisions and wakes its subscribers', async () => {
    const target = await stores.openTarget();
    await target.importer.importEvents(history);
    await expect(target.eventStore.appendToStream('feature-request-1', [sampleEvent()], { expectedRevision: 1n })).rejects.toThrow(/expected at revision 1 but is at revision 2/);
    const appended = await target.eventStore.appendToStream('feature-request-1', [sampleEvent()], { expectedRevision: 2n });
    expect(appended.nextExpectedRevision).toBe(3n);
  });

  it('refuses a store with events unless forced, then adds only the missing ones', async () => {
    const target = await stores.openTarget();
    await target.importer.importEvents(history.slice(0, 4));
    await expect(target.importer.importEvents(history)).rejects.toThrow(TargetNotEmptyError);
    expect(await allEvents(target.eventStore)).toHaveLength(4);
    expect(await target.importer.importEvents(history, { force: true, batchSize: 2 })).toEqual({ imported: 3, skipped: 4 });
    expect(await allEvents(target.eventStore)).toEqual(history);
  });

  it('names the conflict when a revision is held by another event, writing nothing of that batch', async () => {
    const target = await stores.openTarget();
    await target.eventStore.appendToStream('vote-1-b', [{ id: randomUUID(), type: 'Other', data: {} }], { expectedRevision: 'no_stream' });
    const attempt = target.importer.importEvents(history, { force: true });
    await expect(attempt).rejects.toThrow(ImportConflictError);
    await expect(attempt).rejects.toThrow(/stream revision is already held by another event/);
    expect(await allEvents(target.eventStore)).toHaveLength(1);
  });

  it('keeps text that a bulk load would read as the end of a field or a row, or as an escape', async () => {
    const target = await stores.openTarget();
    const awkward: ImportedEvent = {
      ...recorded('feature-request-\\tab\tand\nline', 0, 1_750_000_000_000),
      type: 'frm.events.v1.FeatureRequestSubmitted',
      data: { title: 'Tab\there, new line\nthere, carriage\rreturn', description: 'A \\ backslash, a \\N, a "quote" and \\t written out', emoji: '💍' },
      metadata: { note: 'end of row\n' },
    };
    await target.importer.importEvents([awkward, ...history.slice(0, 2)]);
    expect(await allEvents(target.eventStore)).toEqual([awkward, ...history.slice(0, 2)]);
  });

  it('names the conflict when the input holds one event twice, writing nothing of that batch', async () => {
    const target = await stores.openTarget();
    const twice = [...history.slice(0, 3), history[1] as ImportedEvent, ...history.slice(3)];
    const attempt = target.importer.importEvents(twice, { batchSize: 3 });
    await expect(attempt).rejects.toThrow(ImportConflictError);
    await expect(attempt).rejects.toThrow(/event id is already in the store or appears twice in the input/);
    // The first batch went in; the second, which holds the repeated event, not one of its events.
    expect(await allEvents(target.eventStore)).toEqual(history.slice(0, 3));
  });

  it('stops between batches when aborted, keeping what it imported', async () => {
    const target = await stores.openTarget();
    const stop = new AbortController();
    const attempt = target.importer.importEvents(history, { batchSize: 2, signal: stop.signal, onProgress: ({ done }) => done === 2 && stop.abort() });
    await expect(attempt).rejects.toMatchObject({ name: 'AbortError' });
    const kept = await allEvents(target.eventStore);
    expect(kept.length).toBeGreaterThanOrEqual(2);
    expect(kept.length).toBeLessThan(7);
  });
});
