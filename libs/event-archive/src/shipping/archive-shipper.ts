import { setTimeout as sleep } from 'node:timers/promises';
import { comparePositions, lagBetween, parsePosition, START, type Position } from '@frm/event-store';
import { archiveFileName, parseArchiveFileName, type ArchiveFileKind } from '../archive-format/archive-file-name';
import { catalogueEntries, emptyCatalogue, type Catalogue, type CatalogueEntry } from '../catalogue/catalogue';
import { readCatalogue, writeCatalogue } from '../catalogue/catalogue-file';
import { addSegment, addSnapshot, chainEnd } from '../catalogue/chain-rules';
import { chooseRetained } from '../catalogue/retention';
import { ArchiveChainError, ConcurrentShipperError } from '../errors';
import { archiveAges, type ArchiveAges } from '../metrics/archive-ages';
import { removeAbandonedSpools } from '../writing/abandoned-spools';
import { readEventsThrough } from '../writing/read-events-through';
import { writeArchiveFile } from '../writing/write-archive-file';
import { assertStoreMatchesArchive } from './assert-store-matches-archive';
import { SerialQueue } from './serial-queue';
import { resolveShipperOptions, type ArchiveShipperOptions, type ResolvedShipperOptions } from './shipper-options';

export interface ShipOnceResult {
  /** The segment shipped, if the store had new events. */
  readonly segment?: CatalogueEntry;
  /** The snapshot taken, if none existed or one was due. */
  readonly snapshot?: CatalogueEntry;
}

/**
 * Ships the event store to a backup store as a logical archive: a first snapshot, then a segment
 * every `segmentIntervalMs` with the events committed since the last one, and a new snapshot every
 * `snapshotIntervalMs` (written beside the segments, which keep shipping meanwhile), dropping files
 * past the retention rule. One shipper per archive: a second one is detected and refused at its
 * next catalogue write.
 */
export class ArchiveShipper {
  private readonly options: ResolvedShipperOptions;
  private catalogue: Catalogue | undefined;
  /** The catalogue of a write that failed, in case it was stored all the same. */
  private attemptedWrite: Catalogue | undefined;
  private opening: Promise<Catalogue> | undefined;
  private nextSequence = 1;
  /** Files written but not yet in the catalogue: never taken for leftovers of a crash. */
  private readonly unlisted = new Set<string>();
  private readonly catalogueWrites = new SerialQueue();
  private readonly segmentRuns = new SerialQueue();
  private snapshotRun: Promise<CatalogueEntry> | undefined;
  private loop: { stop: AbortController; done: Promise<void> } | undefined;

  constructor(options: ArchiveShipperOptions) {
    this.options = resolveShipperOptions(options);
  }

  /**
   * Ships the events committed since the chain's end as one segment; ships nothing (and records that
   * the archive is caught up) when there are none.
   * @throws ArchiveChainError when the archive has no snapshot yet (use {@link shipOnce} or {@link takeSnapshot})
   * @throws ArchiveDoesNotMatchStoreError when the store is not the one archived (restored or replaced)
   */
  shipSegment(signal?: AbortSignal): Promise<CatalogueEntry | undefined> {
    return this.segmentRuns.run(async () => {
      const catalogue = await this.settled();
      const end = chainEnd(catalogue);
      if (end === undefined) throw new ArchiveChainError('The archive has no snapshot yet; take one first (shipOnce does)');
      const checkedAt = this.options.now();
      const head = await this.options.eventStore.headPosition();
      await assertStoreMatchesArchive(this.options.eventStore, catalogue, this.options.backupStore.description);
      const from = parsePosition(end);
      if (!head || comparePositions(head, from) <= 0) {
        await this.commit((current) => caughtUp(current, checkedAt));
        return undefined;
      }
      return this.writeFile('segment', from, head, checkedAt, signal, (current, entry) => caughtUp(addSegment(current, entry), checkedAt));
    });
  }

  /**
   * Takes a snapshot: ships a segment up to the head first, then writes every event up to that point
   * while further segments keep shipping. The archive's first snapshot blocks segments instead, as
   * they have nothing to follow before it. Resolves with the snapshot once the catalogue lists it.
   */
  takeSnapshot(signal?: AbortSignal): Promise<CatalogueEntry> {
    this.snapshotRun ??= this.snapshot(signal).finally(() => (this.snapshotRun = undefined));
    return this.snapshotRun;
  }

  /** One round: the first snapshot if there is none, else a segment, and a snapshot when one is due. */
  async shipOnce(signal?: AbortSignal): Promise<ShipOnceResult> {
    const catalogue = await this.open();
    if (!catalogue.snapshots.length) return { snapshot: await this.takeSnapshot(signal) };
    const segment = await this.shipSegment(signal);
    if (!this.snapshotDue()) return { segment };
    return { segment, snapshot: await this.takeSnapshot(signal) };
  }

  /** Ships every `segmentIntervalMs` until {@link stop}; failures are logged and retried at the next round. */
  start(): void {
    if (this.loop) return;
    const stop = new AbortController();
    this.loop = { stop, done: this.runLoop(stop.signal) };
  }

  /** Stops the loop, aborting a file being written (it is left out of the archive); resolves once stopped. */
  async stop(): Promise<void> {
    const loop = this.loop;
    if (!loop) return;
    loop.stop.abort();
    await loop.done;
    await this.snapshotRun?.catch(() => undefined);
    this.loop = undefined;
  }

  /**
   * Applies the retention rule and removes archive files the catalogue does not list (left by a run
   * that stopped between writing a file and listing it). Returns the names removed.
   */
  prune(): Promise<string[]> {
    return this.catalogueWrites.run(async () => {
      const keep = this.options.keepSnapshots;
      if (chooseRetained(await this.open(), keep).dropped.length) await this.commitNow((latest) => chooseRetained(latest, keep).catalogue);
      // Unlisted first, deleted after: a crash in between leaves extra files, never a catalogue naming missing ones.
      const listed = new Set(catalogueEntries(this.catalogue as Catalogue).map((entry) => entry.name));
      const removed: string[] = [];
      for (const name of await this.options.backupStore.list()) {
        if (!parseArchiveFileName(name) || listed.has(name) || this.unlisted.has(name)) continue;
        await this.options.backupStore.delete(name);
        removed.push(name);
      }
      if (removed.length) this.options.logger?.info({ removed }, 'Removed backup files past the retention rule or left by an interrupted run');
      return removed;
    });
  }

  /** The catalogue as last written or read; `undefined` before the first call opened it. */
  currentCatalogue(): Catalogue | undefined {
    return this.catalogue;
  }

  /** Ages of the newest snapshot, the newest segment and the last catch-up, for metrics. */
  ages(now: Date = this.options.now()): ArchiveAges {
    return archiveAges(this.catalogue, now);
  }

  private async snapshot(signal: AbortSignal | undefined): Promise<CatalogueEntry> {
    const catalogue = await this.settled();
    let entry: CatalogueEntry;
    if (!catalogue.snapshots.length) {
      entry = await this.segmentRuns.run(async () => {
        const checkedAt = this.options.now();
        const head = (await this.options.eventStore.headPosition()) ?? START;
        return this.writeFile('snapshot', START, head, checkedAt, signal, (current, snapshot) => caughtUp(addSnapshot(current, snapshot), checkedAt));
      });
    } else {
      await this.shipSegment(signal);
      const current = this.catalogue as Catalogue;
      const point = parsePosition(chainEnd(current) as string);
      const pointReadAt = current.caughtUpAt ? new Date(current.caughtUpAt) : this.options.now();
      entry = await this.writeFile('snapshot', START, point, pointReadAt, signal, addSnapshot);
    }
    await this.prune();
    return entry;
  }

  /** Writes one file and lists it in the catalogue through `list` (which receives the finished entry). */
  private async writeFile(
    kind: ArchiveFileKind,
    from: Position,
    to: Position,
    createdAt: Date,
    signal: AbortSignal | undefined,
    list: (catalogue: Catalogue, entry: CatalogueEntry) => Catalogue,
  ): Promise<CatalogueEntry> {
    const sequence = this.nextSequence++;
    const fileName = archiveFileName(kind, sequence);
    const expected = Number(lagBetween(from, to));
    const pages = readEventsThrough(this.options.eventStore, from, to, this.options.pageSize);
    const started = Date.now();
    // Marked before the file can appear: a prune running meanwhile (after a background snapshot) must
    // not take it for a leftover in the moment between its rename into place and its listing.
    this.unlisted.add(fileName);
    try {
      const entry = await writeArchiveFile(this.options.backupStore, {
        kind,
        sequence,
        from,
        to,
        createdAt,
        pages,
        spoolDir: this.options.spoolDir,
        signal: this.loopSignal(signal),
        onEvents: (done) => this.options.onWriteProgress?.({ file: fileName, done, total: Math.max(expected, done) }),
      });
      await this.commit((current) => list(current, entry));
      this.options.logger?.debug(
        { file: entry.name, events: entry.eventCount, bytes: entry.sizeBytes, to: entry.to, ms: Date.now() - started },
        `Shipped ${kind} ${entry.name}`,
      );
      this.options.onShipped?.(entry);
      return entry;
    } finally {
      this.unlisted.delete(fileName);
    }
  }

  private snapshotDue(): boolean {
    const newest = this.catalogue?.snapshots[this.catalogue.snapshots.length - 1];
    if (!newest) return true;
    return this.options.now().getTime() - new Date(newest.createdAt).getTime() >= this.options.snapshotIntervalMs;
  }

  private async runLoop(stop: AbortSignal): Promise<void> {
    // A process that died may have left files it never listed, and its spool.
    await this.prune().catch((error) => this.reportFailure(error, stop, 'Removing unlisted backup files failed; the next snapshot tries again'));
    await removeAbandonedSpools(this.options.spoolDir).catch((error) => this.reportFailure(error, stop, 'Removing abandoned spool directories failed'));
    while (!stop.aborted) {
      const roundStarted = Date.now();
      try {
        const catalogue = await this.open();
        if (!catalogue.snapshots.length) {
          await this.takeSnapshot(stop);
        } else {
          await this.shipSegment(stop);
          // In the background: a snapshot of a large store takes longer than the segment interval.
          if (this.snapshotDue() && !this.snapshotRun) {
            this.takeSnapshot(stop).catch((error) => this.reportFailure(error, stop, 'A snapshot failed; the next round tries again'));
          }
        }
      } catch (error) {
        this.reportFailure(error, stop, 'Shipping a segment failed; the next round tries again');
      }
      const wait = Math.max(0, roundStarted + this.options.segmentIntervalMs - Date.now());
      await sleep(wait, undefined, { signal: stop }).catch(() => undefined);
    }
  }

  private reportFailure(error: unknown, stop: AbortSignal, message: string): void {
    if (stop.aborted) return;
    this.options.logger?.error({ err: error }, message);
  }

  /** Work started by the loop stops with it; work started by a caller stops with the caller's signal. */
  private loopSignal(signal: AbortSignal | undefined): AbortSignal | undefined {
    const loopStop = this.loop?.stop.signal;
    if (!signal) return loopStop;
    if (!loopStop || loopStop === signal) return signal;
    return AbortSignal.any([signal, loopStop]);
  }

  private open(): Promise<Catalogue> {
    this.opening ??= (async () => {
      const catalogue = (await readCatalogue(this.options.backupStore)) ?? emptyCatalogue();
      this.catalogue = catalogue;
      this.nextSequence = Math.max(this.nextSequence, catalogue.nextSequence);
      return catalogue;
    })().catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening.then(() => this.catalogue as Catalogue);
  }

  /** The catalogue, once a write whose outcome is unknown has been settled (see {@link adoptAttemptedWrite}). */
  private async settled(): Promise<Catalogue> {
    await this.open();
    if (this.attemptedWrite) {
      await this.catalogueWrites.run(async () => this.adoptAttemptedWrite(await readCatalogue(this.options.backupStore)));
    }
    return this.catalogue as Catalogue;
  }

  /** A write reported as failed may still have been stored (a timeout after the object store took it): then it is ours. */
  private adoptAttemptedWrite(stored: Catalogue | undefined): void {
    const attempted = this.attemptedWrite;
    if (attempted && stored?.revision === attempted.revision && stored.updatedAt === attempted.updatedAt) this.catalogue = attempted;
    this.attemptedWrite = undefined;
  }

  private commit(change: (catalogue: Catalogue) => Catalogue): Promise<void> {
    return this.catalogueWrites.run(() => this.commitNow(change));
  }

  /** Writes the changed catalogue, after checking nobody else wrote it since this shipper did. */
  private async commitNow(change: (catalogue: Catalogue) => Catalogue): Promise<void> {
    const stored = await readCatalogue(this.options.backupStore);
    this.adoptAttemptedWrite(stored);
    const current = this.catalogue as Catalogue;
    if ((stored?.revision ?? 0) !== current.revision) {
      throw new ConcurrentShipperError(
        `The catalogue in ${this.options.backupStore.description} is at revision ${stored?.revision ?? 'none'} but this shipper ` +
          `wrote revision ${current.revision}: another shipper writes to the same archive. Run one shipper per archive`,
      );
    }
    const changed = change(current);
    const next: Catalogue = {
      ...changed,
      revision: current.revision + 1,
      nextSequence: Math.max(changed.nextSequence, this.nextSequence),
      updatedAt: this.options.now().toISOString(),
    };
    this.attemptedWrite = next;
    await writeCatalogue(this.options.backupStore, next);
    this.attemptedWrite = undefined;
    this.catalogue = next;
  }
}

function caughtUp(catalogue: Catalogue, checkedAt: Date): Catalogue {
  const previous = catalogue.caughtUpAt ? new Date(catalogue.caughtUpAt).getTime() : -Infinity;
  return checkedAt.getTime() > previous ? { ...catalogue, caughtUpAt: checkedAt.toISOString() } : catalogue;
}
