import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ArchiveShipper, readCatalogue, restoreArchive, type RestoreProgress, type WriteProgress } from '../src';
import { archiveTestBed } from './support/archive-test-bed';
import { engines } from './support/event-store-engines';
import { allEvents, appendSample, sampleEvent } from './support/sample-events';

describe.each(engines)('archive and restore on $name', (engine) => {
  const bed = archiveTestBed(engine);

  it('restores a snapshot and the segments after it into another store: same events, same order', async () => {
    const shipper = new ArchiveShipper({ eventStore: bed.stores.source, backupStore: bed.backups.store });
    await appendSample(bed.stores.source, 120, 12);
    const first = await shipper.shipOnce();
    expect(first.snapshot).toMatchObject({ name: 'snapshot-000001.ndjson.gz', from: '0/0', eventCount: 120 });

    await appendSample(bed.stores.source, 80, 5, 'vote-');
    const segment = await shipper.shipSegment();
    expect(segment).toMatchObject({ from: first.snapshot?.to, eventCount: 80 });
    expect(await shipper.shipSegment()).toBeUndefined();

    await appendSample(bed.stores.source, 30, 3);
    const second = await shipper.takeSnapshot();
    await appendSample(bed.stores.source, 25, 4, 'vote-');
    await shipper.shipSegment();

    const catalogue = await readCatalogue(bed.backups.store);
    expect(catalogue?.snapshots.map((s) => s.eventCount)).toEqual([120, 230]);
    expect(catalogue?.segments.map((s) => s.eventCount)).toEqual([80, 30, 25]);
    expect(second.to).toBe(catalogue?.segments[1]?.to);

    const expected = await allEvents(bed.stores.source);
    expect(expected).toHaveLength(255);

    const newest = await bed.stores.openTarget();
    const progress: RestoreProgress[] = [];
    const report = await restoreArchive({ store: bed.backups.store, target: newest.importer, batchSize: 50, onProgress: (p) => progress.push(p) });
    expect(report).toMatchObject({
      files: ['snapshot-000004.ndjson.gz', 'segment-000005.ndjson.gz'],
      eventsInArchive: 255,
      eventsRestored: 255,
      eventsSkipped: 0,
      through: catalogue?.segments[2]?.to,
    });
    expect(report.newestRecordedAt?.toISOString()).toBe(expected[expected.length - 1]?.recordedAt.toISOString());
    expect(await allEvents(newest.eventStore)).toEqual(expected);
    expect(progress.filter((p) => p.phase === 'load').pop()).toEqual({ phase: 'load', done: 255, total: 255 });
    const verified = progress.filter((p) => p.phase === 'verify').pop();
    expect(verified?.done).toBe(verified?.total);

    const fromOldest = await bed.stores.openTarget();
    const oldReport = await restoreArchive({ store: bed.backups.store, target: fromOldest.importer, snapshot: 'snapshot-000001.ndjson.gz' });
    expect(oldReport.files).toEqual(['snapshot-000001.ndjson.gz', 'segment-000002.ndjson.gz', 'segment-000003.ndjson.gz', 'segment-000005.ndjson.gz']);
    expect(await allEvents(fromOldest.eventStore)).toEqual(expected);

    // The restored store takes appends where each stream left off.
    const last = expected.filter((event) => event.streamId === 'vote-0').pop();
    const appended = await newest.eventStore.appendToStream('vote-0', [sampleEvent()], { expectedRevision: last?.revision as bigint });
    expect(appended.nextExpectedRevision).toBe((last?.revision as bigint) + 1n);
  });

  it('writes gzip NDJSON files: a header line, then one line per event', async () => {
    const shipper = new ArchiveShipper({ eventStore: bed.stores.source, backupStore: bed.backups.store });
    await shipper.shipOnce();
    await appendSample(bed.stores.source, 3, 1);
    const segment = await shipper.shipSegment();
    const lines = gunzipSync(await readFile(join(bed.backups.directory, segment?.name as string))).toString('utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    const header = JSON.parse(lines[0] as string);
    expect(header).toMatchObject({ format: 'frm-event-archive', formatVersion: 1, kind: 'segment', from: '0/0', eventCount: 3 });
    expect(header.to).toBe(segment?.to);
    const event = JSON.parse(lines[3] as string);
    expect(Object.keys(event).sort()).toEqual(['data', 'id', 'metadata', 'position', 'recordedAt', 'revision', 'streamId', 'type']);
    expect(event).toMatchObject({ streamId: 'feature-request-0', revision: '2', position: header.to });
    expect(event.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(header.lastRecordedAt).toBe(event.recordedAt);
  });

  it('restores a store of 20,000 events and reports the rate', async () => {
    const seed = await bed.stores.openTarget();
    const events = Array.from({ length: 20_000 }, (_, index) => {
      const { id, type, data, metadata } = sampleEvent();
      return { id, type, data, metadata: metadata ?? {}, streamId: `feature-request-${index % 500}`, revision: BigInt(Math.floor(index / 500)), recordedAt: new Date(1_750_000_000_000 + index) };
    });
    await seed.importer.importEvents(events);
    const written: WriteProgress[] = [];
    const shipper = new ArchiveShipper({ eventStore: seed.eventStore, backupStore: bed.backups.store, onWriteProgress: (p) => written.push(p) });
    let started = performance.now();
    const { snapshot } = await shipper.shipOnce();
    const snapshotMs = performance.now() - started;
    expect(written.length).toBeGreaterThan(5);
    expect(written.at(-1)).toEqual({ file: 'snapshot-000001.ndjson.gz', done: 20_000, total: 20_000 });
    const target = await bed.stores.openTarget();
    started = performance.now();
    const report = await restoreArchive({ store: bed.backups.store, target: target.importer });
    expect(report.eventsRestored).toBe(20_000);
    expect((await allEvents(target.eventStore)).map((e) => e.id)).toEqual(events.map((e) => e.id));
    console.log(
      `${engine.name}: snapshot of 20,000 events (${snapshot?.sizeBytes} bytes) in ${Math.round(snapshotMs)} ms ` +
        `(${Math.round(20_000 / (snapshotMs / 1000))} events/s); restore in ${Math.round(report.durationMs)} ms (${report.eventsPerSecond} events/s)`,
    );
  });
});
