import { readdir } from 'node:fs/promises';
import { comparePositions, parsePosition, type Position } from '@frm/event-store';
import { ArchiveShipper, CATALOGUE_FILE, readCatalogue, restoreArchive, type CatalogueEntry } from '../src';
import { archiveTestBed } from './support/archive-test-bed';
import { engines } from './support/event-store-engines';
import { allEvents, sampleEvent } from './support/sample-events';

const INTERVAL_MS = 1_000;
const WRITERS = 4;
const APPENDING_MS = 6_000;

describe.each(engines)('the segment loop on $name', (engine) => {
  const bed = archiveTestBed(engine);

  it('loses no event appended concurrently and ships each within its interval, snapshots included', async () => {
    const shipped: Array<{ at: number; entry: CatalogueEntry }> = [];
    const shipper = new ArchiveShipper({
      eventStore: bed.stores.source,
      backupStore: bed.backups.store,
      segmentIntervalMs: INTERVAL_MS,
      // Snapshots are taken in the background while the writers go on, and retention drops the oldest.
      snapshotIntervalMs: 2_000,
      keepSnapshots: 2,
      onShipped: (entry) => shipped.push({ at: Date.now(), entry }),
    });
    const acknowledged: Array<{ at: number; position: Position }> = [];
    shipper.start();
    const until = Date.now() + APPENDING_MS;
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        for (let n = 0; Date.now() < until; n++) {
          const result = await bed.stores.source.appendToStream(`vote-${writer}-${n % 5}`, [sampleEvent('frm.events.v1.VoteCast')], { expectedRevision: 'any' });
          acknowledged.push({ at: Date.now(), position: result.position });
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS * 2));
    await shipper.stop();

    const segments = shipped.filter(({ entry }) => entry.kind === 'segment');
    const lags = acknowledged
      .map(({ at, position }) => {
        const carrier = segments.find(({ entry }) => comparePositions(parsePosition(entry.to), position) >= 0);
        return carrier ? carrier.at - at : Infinity;
      })
      .sort((a, b) => a - b);
    const p50 = lags[Math.floor(lags.length / 2)] as number;
    const max = lags[lags.length - 1] as number;
    console.log(
      `${engine.name}: ${acknowledged.length} appends by ${WRITERS} writers in ${APPENDING_MS} ms, ${segments.length} segments, ` +
        `${shipped.length - segments.length} snapshots; append → listed in a segment: p50 ${p50} ms, max ${max} ms (interval ${INTERVAL_MS} ms)`,
    );
    // A round starts every interval and lists what it ships before it ends, so an append waits at
    // most one interval plus one round (on PGlite under a loaded suite, a round with a snapshot
    // beside it can take two). The promise is 3 intervals (30 s at the default 10 s).
    expect(max).toBeLessThan(INTERVAL_MS * 3);

    const catalogue = await readCatalogue(bed.backups.store);
    expect(catalogue?.snapshots.length).toBe(2);
    const listed = [CATALOGUE_FILE, ...(catalogue?.snapshots ?? []), ...(catalogue?.segments ?? [])].map((f) => (typeof f === 'string' ? f : f.name));
    expect((await readdir(bed.backups.directory)).sort()).toEqual(listed.sort());

    const expected = await allEvents(bed.stores.source);
    expect(expected).toHaveLength(acknowledged.length);
    for (const snapshot of catalogue?.snapshots ?? []) {
      const target = await bed.stores.openTarget();
      await restoreArchive({ store: bed.backups.store, target: target.importer, snapshot: snapshot.name });
      expect(await allEvents(target.eventStore)).toEqual(expected);
    }
  });
});
