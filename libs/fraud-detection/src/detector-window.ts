import {
  DEFAULT_FRAUD_DETECTION_CONFIG,
  longestWindowMs,
  type FraudDetectionConfig,
} from './fraud-detection.config';
import type { FraudSignalKind, ObservedRetraction, ObservedVote } from './observed-vote';
import { EMPTY_TIMELINE, SortedVoteTimeline, type VoteTimeline } from './vote-timeline';

interface HeldVote {
  readonly vote: ObservedVote;
  retractedAt?: number;
  reported?: Set<FraudSignalKind>;
}

type IndexKey = (vote: ObservedVote) => string;

const INDEX_KEYS = {
  device: (vote) => vote.deviceHash,
  network: (vote) => vote.networkHash,
  voter: (vote) => vote.voterId,
  request: (vote) => vote.featureRequestId,
  author: (vote) => vote.requestAuthorId,
} satisfies Record<string, IndexKey>;

type IndexName = keyof typeof INDEX_KEYS;

/**
 * The recent votes the detectors look at, indexed the ways they look them up. It keeps the
 * longest window the configuration needs and at most `window.maxVotes` votes, evicting the
 * oldest, and remembers which (vote, kind) pairs were already reported.
 */
export class DetectorWindow {
  /** How far back from the newest vote the window keeps votes. */
  readonly retentionMs: number;
  /** The most votes kept, retracted ones included until they age out. */
  readonly maxVotes: number;

  private readonly held = new Map<string, HeldVote>();
  private readonly chronological = new SortedVoteTimeline();
  private readonly indexes = Object.fromEntries(
    Object.keys(INDEX_KEYS).map((name) => [name, new Map<string, SortedVoteTimeline>()]),
  ) as Record<IndexName, Map<string, SortedVoteTimeline>>;
  private activeVotes = 0;
  private newestCastAt = Number.NEGATIVE_INFINITY;
  private coverageStart: number | undefined;

  constructor(config: FraudDetectionConfig = DEFAULT_FRAUD_DETECTION_CONFIG) {
    this.retentionMs = longestWindowMs(config);
    this.maxVotes = config.window.maxVotes;
  }

  /** Votes held and not retracted. */
  get size(): number {
    return this.activeVotes;
  }

  /** Voters with at least one vote held: the denominator of a request's popularity. */
  get activeVoterCount(): number {
    return this.indexes.voter.size;
  }

  /**
   * Since when the window has seen every vote (its first vote, or the last eviction): a
   * baseline must not count the time before as silence.
   */
  get coveredSince(): number | undefined {
    return this.coverageStart;
  }

  /**
   * Holds a vote and evicts what has aged out. Returns false, holding nothing, for a vote id
   * already held (a replay) or a vote older than the window; a vote id retracted earlier is held
   * again only when cast after the retraction.
   */
  add(vote: ObservedVote): boolean {
    const previous = this.held.get(vote.voteId);
    if (previous && (previous.retractedAt === undefined || vote.castAt <= previous.retractedAt)) return false;
    if (vote.castAt < this.newestCastAt - this.retentionMs) return false;
    if (previous) this.chronological.remove(previous.vote);

    const copy = Object.freeze({ ...vote });
    this.held.set(vote.voteId, { vote: copy, reported: previous?.reported });
    this.chronological.insert(copy);
    this.index(copy, 'insert');
    this.activeVotes++;
    this.coverageStart ??= copy.castAt;
    if (copy.castAt > this.newestCastAt) this.newestCastAt = copy.castAt;

    this.evictBefore(this.newestCastAt - this.retentionMs);
    while (this.chronological.size > this.maxVotes) this.evictOldest();
    return true;
  }

  /** Drops a vote's evidence; returns false when the vote is not held or already retracted. */
  retract(retraction: ObservedRetraction): boolean {
    const held = this.held.get(retraction.voteId);
    if (!held || held.retractedAt !== undefined) return false;
    held.retractedAt = retraction.at;
    this.index(held.vote, 'remove');
    this.activeVotes--;
    return true;
  }

  /** Forgets every vote cast before `ms`; returns how many were forgotten. */
  evictBefore(ms: number): number {
    let evicted = 0;
    for (let oldest = this.chronological.oldest; oldest && oldest.castAt < ms; oldest = this.chronological.oldest) {
      this.evictOldest();
      evicted++;
    }
    if (this.coverageStart !== undefined && this.coverageStart < ms) this.coverageStart = ms;
    return evicted;
  }

  /** The held, non-retracted vote with this id. */
  get(voteId: string): ObservedVote | undefined {
    const held = this.held.get(voteId);
    return held && held.retractedAt === undefined ? held.vote : undefined;
  }

  votesOnDevice(deviceHash: string): VoteTimeline {
    return this.timeline('device', deviceHash);
  }

  votesOnNetwork(networkHash: string): VoteTimeline {
    return this.timeline('network', networkHash);
  }

  votesByVoter(voterId: string): VoteTimeline {
    return this.timeline('voter', voterId);
  }

  votesOnRequest(featureRequestId: string): VoteTimeline {
    return this.timeline('request', featureRequestId);
  }

  votesOnRequestsOf(authorId: string): VoteTimeline {
    return this.timeline('author', authorId);
  }

  wasReported(voteId: string, kind: FraudSignalKind): boolean {
    return this.held.get(voteId)?.reported?.has(kind) ?? false;
  }

  /** Records a report so it is not repeated; a vote no longer held cannot be reported again anyway. */
  markReported(voteId: string, kind: FraudSignalKind): void {
    const held = this.held.get(voteId);
    if (held) (held.reported ??= new Set()).add(kind);
  }

  private timeline(name: IndexName, key: string): VoteTimeline {
    return this.indexes[name].get(key) ?? EMPTY_TIMELINE;
  }

  private evictOldest(): void {
    const oldest = this.chronological.oldest;
    if (!oldest) return;
    this.chronological.remove(oldest);
    const held = this.held.get(oldest.voteId);
    this.held.delete(oldest.voteId);
    if (held && held.retractedAt === undefined) {
      this.index(oldest, 'remove');
      this.activeVotes--;
    }
    if (this.coverageStart !== undefined && this.coverageStart < oldest.castAt) this.coverageStart = oldest.castAt;
  }

  private index(vote: ObservedVote, change: 'insert' | 'remove'): void {
    for (const name of Object.keys(INDEX_KEYS) as IndexName[]) {
      const key = INDEX_KEYS[name](vote);
      // '' is an unknown hash: grouping every unknown device together would invent a farm.
      if (key === '') continue;
      const byKey = this.indexes[name];
      let timeline = byKey.get(key);
      if (change === 'insert') {
        if (!timeline) byKey.set(key, (timeline = new SortedVoteTimeline()));
        timeline.insert(vote);
      } else if (timeline) {
        timeline.remove(vote);
        if (timeline.size === 0) byKey.delete(key);
      }
    }
  }
}
