import { readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ArchiveShipper, LocalDirectoryBackupStore, readCatalogue, restoreArchive, type BackupStore, type PutOptions } from '../src';
import { archiveTestBed } from './support/archive-test-bed';
import { engines } from './support/event-store-engines';
import { allEvents, appendSample } from './support/sample-events';

/** Passes everything on to `inner`, but lets a test act in the middle of a file's upload. */
class InterceptingStore implements BackupStore {
  readonly description: string;
  duringPut: ((name: string) => void) | undefined;
  failPutOf: string | undefined;
  /** Stores the file, then reports a failure (a timeout after the object store took it). */
  failAfterPutOf: string | undefined;

  constructor(private readonly inner: BackupStore) {
    this.description = inner.description;
  }

  async put(name: string, content: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options?: PutOptions): Promise<void> {
    if (this.failPutOf === name) {
      this.failPutOf = undefined;
      throw new Error(`the process died before ${name} was written`);
    }
    const during = this.duringPut;
    const watched = async function* () {
      let chunks = 0;
      for await (const chunk of content) {
        if (++chunks === 2) during?.(name);
        yield chunk;
      }
    };
    await this.inner.put(name, watched(), options);
    if (this.failAfterPutOf === name) {
      this.failAfterPutOf = undefined;
      throw new Error(`the answer to storing ${name} was lost`);
    }
  }

  get(name: string) {
    return this.inner.get(name);
  }

  list() {
    return this.inner.list();
  }

  delete(name: string) {
    return this.inner.delete(name);
  }
}

describe.each(engines)('an interrupted shipper on $name', (engine) => {
  const bed = archiveTestBed(engine);

  it('leaves no half file when aborted mid-write, and the next run continues the chain', async () => {
    const intercepting = new InterceptingStore(bed.backups.store);
    const shipper = new ArchiveShipper({ eventStore: bed.stores.source, backupStore: intercepting });
    await appendSample(bed.stores.source, 30, 3);
    await shipper.shipOnce();
    const before = await readCatalogue(bed.backups.store);

    await appendSample(bed.stores.source, 500, 3);
    const stop = new AbortController();
    intercepting.duringPut = (name) => name.startsWith('segment-') && stop.abort();
    await expect(shipper.shipSegment(stop.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(await readCatalogue(bed.backups.store)).toEqual(before);
    expect(await readdir(bed.backups.directory)).toEqual(expect.arrayContaining(['catalogue.json', 'snapshot-000001.ndjson.gz']));
    expect(await readdir(bed.backups.directory)).toHaveLength(2);

    // A new process: it reads the catalogue and ships from where the chain ends.
    await appendSample(bed.stores.source, 10, 3);
    const restarted = new ArchiveShipper({ eventStore: bed.stores.source, backupStore: await LocalDirectoryBackupStore.open(bed.backups.directory) });
    const segment = await restarted.shipSegment();
    expect(segment).toMatchObject({ from: before?.snapshots[0]?.to, eventCount: 510 });
    const target = await bed.stores.openTarget();
    await restoreArchive({ store: bed.backups.store, target: target.importer });
    expect(await allEvents(target.eventStore)).toEqual(await allEvents(bed.stores.source));
  });

  it('after dying between writing a file and listing it, the next run replaces the unlisted file and leftovers go', async () => {
    const intercepting = new InterceptingStore(bed.backups.store);
    const shipper = new ArchiveShipper({ eventStore: bed.stores.source, backupStore: intercepting });
    await appendSample(bed.stores.source, 20, 2);
    await shipper.shipOnce();
    await appendSample(bed.stores.source, 20, 2);
    intercepting.failPutOf = 'catalogue.json';
    await expect(shipper.shipSegment()).rejects.toThrow(/the process died before catalogue\.json was written/);
    expect((await readdir(bed.backups.directory)).sort()).toEqual(['catalogue.json', 'segment-000002.ndjson.gz', 'snapshot-000001.ndjson.gz']);
    expect((await readCatalogue(bed.backups.store))?.segments).toEqual([]);

    // A write a killed process left under its temporary name, an hour old.
    const abandoned = join(bed.backups.directory, '.segment-000009.ndjson.gz.partial-1234-abcd');
    await writeFile(abandoned, 'half');
    await utimes(abandoned, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));

    await appendSample(bed.stores.source, 5, 2);
    const restarted = new ArchiveShipper({ eventStore: bed.stores.source, backupStore: await LocalDirectoryBackupStore.open(bed.backups.directory) });
    const segment = await restarted.shipSegment();
    expect(segment).toMatchObject({ name: 'segment-000002.ndjson.gz', eventCount: 25 });
    expect((await readdir(bed.backups.directory)).sort()).toEqual(['catalogue.json', 'segment-000002.ndjson.gz', 'snapshot-000001.ndjson.gz']);
    const target = await bed.stores.openTarget();
    await restoreArchive({ store: bed.backups.store, target: target.importer });
    expect(await allEvents(target.eventStore)).toEqual(await allEvents(bed.stores.source));
  });

  it('recognises its own catalogue write that was reported as failed but was stored', async () => {
    const intercepting = new InterceptingStore(bed.backups.store);
    const shipper = new ArchiveShipper({ eventStore: bed.stores.source, backupStore: intercepting });
    await appendSample(bed.stores.source, 6, 2);
    await shipper.shipOnce();
    await appendSample(bed.stores.source, 6, 2);
    intercepting.failAfterPutOf = 'catalogue.json';
    await expect(shipper.shipSegment()).rejects.toThrow(/answer to storing catalogue\.json was lost/);
    await appendSample(bed.stores.source, 3, 2);
    const next = await shipper.shipSegment();
    expect(next).toMatchObject({ sequence: 3, eventCount: 3 });
    expect((await readCatalogue(bed.backups.store))?.segments.map((s) => s.eventCount)).toEqual([6, 3]);
  });

  it('prunes an unlisted file left by a dead run once a later run has moved on', async () => {
    const shipper = new ArchiveShipper({ eventStore: bed.stores.source, backupStore: bed.backups.store });
    await appendSample(bed.stores.source, 5, 1);
    await shipper.shipOnce();
    await writeFile(join(bed.backups.directory, 'snapshot-000007.ndjson.gz'), 'a snapshot whose run died before listing it');
    await writeFile(join(bed.backups.directory, 'notes.txt'), 'not ours');
    expect(await shipper.prune()).toEqual(['snapshot-000007.ndjson.gz']);
    expect((await readdir(bed.backups.directory)).sort()).toEqual(['catalogue.json', 'notes.txt', 'snapshot-000001.ndjson.gz']);
  });
});
