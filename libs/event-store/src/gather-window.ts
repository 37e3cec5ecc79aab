/** The gather of a subscriber that events reach one at a time: a person's command, a test's step. */
export const GATHER_MS = 50;
/** The gather under a steady stream of appends (the surge: some 40 a second). */
export const MAX_GATHER_MS = 200;
/**
 * A read that carries this many events already shares its cost (a round trip, a commit of the
 * handler) among so many that a wider window buys nothing: the stream is fast (a backlog, an import,
 * hundreds of appends a second), and the window narrows instead.
 */
export const PLENTY_PER_READ = 64;
const STEP = 1.5;

/**
 * How long a subscriber that has caught up waits after a read before it reads again, so that one
 * read, and one commit of its handler, carries what arrived in the meantime. Every subscriber of
 * every service reads and commits once per window, whatever the events are about (it stores its
 * checkpoint even when none passed its filter), so the window sets the platform's background load.
 *
 * It widens by a step after each read that found a few events and narrows by a step after each that
 * found none, or {@link PLENTY_PER_READ} or more. Events that come one at a time (each read that
 * finds one is followed by one that finds nothing) keep it at {@link GATHER_MS}; a stream of more than
 * about one event per window widens it to {@link MAX_GATHER_MS}, where a read carries some eight
 * events instead of two and the dozen subscribers of the local cluster read and commit a quarter as
 * often. Measured on the surge mix at 200 calls/s on 2 cores: the whole cluster used 142% of a core
 * at a fixed 50 ms and 115% at a fixed 200 ms, the database most of the difference (18% → 9%).
 *
 * The price is that much delay before a projection sees an event under a stream. A fast stream
 * does not pay it: the first event after a backlog (a status change after a thousand votes, which
 * fans out to every voter) is read within the shortest window, not the longest. A caller that waits
 * for its own write does not pay it either: see `Subscription.hurry`.
 */
export class GatherWindow {
  private ms = GATHER_MS;

  get current(): number {
    return this.ms;
  }

  /** A read found `scanned` events (matching the filter or not). */
  found(scanned: number): void {
    if (scanned >= PLENTY_PER_READ) this.narrow();
    else this.ms = Math.min(MAX_GATHER_MS, this.ms * STEP);
  }

  foundNothing(): void {
    this.narrow();
  }

  private narrow(): void {
    this.ms = Math.max(GATHER_MS, this.ms / STEP);
  }
}
