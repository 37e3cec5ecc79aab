import type { ObservedVote } from './observed-vote';

/** Votes ordered by `castAt` (ties in arrival order), read by the detectors through time ranges. */
export interface VoteTimeline extends Iterable<ObservedVote> {
  readonly size: number;
  /** Votes cast at or after `fromMs`, oldest first. */
  since(fromMs: number): ObservedVote[];
  /** How many votes were cast in [fromMs, toMs). */
  countBetween(fromMs: number, toMs: number): number;
  /** The `count` most recent votes, oldest first. */
  newest(count: number): ObservedVote[];
}

const COMPACT_AFTER = 64;

/**
 * A sorted array with a moving head. Votes arrive nearly in order and leave oldest first, so an
 * insert is an append and an eviction moves the head; both are O(1) amortised.
 */
export class SortedVoteTimeline implements VoteTimeline {
  private votes: ObservedVote[] = [];
  private head = 0;

  get size(): number {
    return this.votes.length - this.head;
  }

  get oldest(): ObservedVote | undefined {
    return this.votes[this.head];
  }

  insert(vote: ObservedVote): void {
    let at = this.votes.length;
    while (at > this.head && (this.votes[at - 1] as ObservedVote).castAt > vote.castAt) at--;
    if (at === this.votes.length) this.votes.push(vote);
    else this.votes.splice(at, 0, vote);
  }

  remove(vote: ObservedVote): boolean {
    if (this.votes[this.head] === vote) {
      this.head++;
      if (this.head >= COMPACT_AFTER && this.head * 2 >= this.votes.length) {
        this.votes = this.votes.slice(this.head);
        this.head = 0;
      }
      return true;
    }
    const at = this.votes.indexOf(vote, this.head);
    if (at < 0) return false;
    this.votes.splice(at, 1);
    return true;
  }

  since(fromMs: number): ObservedVote[] {
    return this.votes.slice(this.firstAtOrAfter(fromMs));
  }

  countBetween(fromMs: number, toMs: number): number {
    return Math.max(0, this.firstAtOrAfter(toMs) - this.firstAtOrAfter(fromMs));
  }

  newest(count: number): ObservedVote[] {
    return this.votes.slice(Math.max(this.head, this.votes.length - count));
  }

  [Symbol.iterator](): Iterator<ObservedVote> {
    return this.votes.slice(this.head)[Symbol.iterator]();
  }

  private firstAtOrAfter(ms: number): number {
    let low = this.head;
    let high = this.votes.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.votes[middle] as ObservedVote).castAt < ms) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** The timeline of a key the window has never seen. */
export const EMPTY_TIMELINE: VoteTimeline = Object.freeze({
  size: 0,
  since: () => [],
  countBetween: () => 0,
  newest: () => [],
  [Symbol.iterator]: () => [][Symbol.iterator](),
});
