import { Random, ZipfSampler } from './random';
import type {
  SimulatedRequest,
  SimulatedTraffic,
  SimulatedVoter,
  TrafficLabel,
  TrafficOptions,
} from './simulated-traffic';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export type Segment = 'couple' | 'photographer' | 'venue' | 'florist' | 'caterer' | 'planner';
export const SUPPLIER_SEGMENTS: readonly Segment[] = ['photographer', 'venue', 'florist', 'caterer', 'planner'];

/** A request with what the generator knows and the detectors do not: how popular it is, who it is for. */
export interface BoardRequest extends SimulatedRequest {
  /** 0 is the most voted. */
  rank: number;
  /** 'couple' requests are for everyone; the others interest one kind of supplier. */
  segment: Segment;
}

const USER_AGENTS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
];

/**
 * The shared state of one generated traffic: the board, the accounts, the votes and the pools
 * of networks they come from. Organic traffic and every attack draw from the same pools and id
 * formats, so nothing but behaviour tells them apart.
 */
export class TrafficBuilder {
  readonly random: Random;
  readonly seed: number;
  readonly startAt: number;
  readonly durationMs: number;
  /** Ordered by rank, most voted first. */
  readonly board: BoardRequest[];
  readonly popularity: ZipfSampler;

  private readonly voters: SimulatedVoter[] = [];
  private readonly votes: { voterId: string; featureRequestId: string; at: number; label: TrafficLabel }[] = [];
  private readonly cast = new Set<string>();
  private readonly residentialNetworks: string[];

  constructor(options: Required<Omit<TrafficOptions, 'attacks'>>) {
    this.seed = options.seed;
    this.random = new Random(options.seed);
    this.startAt = options.startAt;
    this.durationMs = options.durationMs;
    this.popularity = new ZipfSampler(options.requests, options.zipfExponent);
    this.board = Array.from({ length: options.requests }, (_, rank) => ({
      id: `fr_${this.random.hex(12)}`,
      authorId: '',
      rank,
      // Supplier-specific requests are niche: they sit anywhere in the ranking, mostly low.
      segment: this.random.chance(0.3) ? this.random.pick(SUPPLIER_SEGMENTS) : 'couple',
    }));
    // About 0.8 voters per residential /24, so some neighbours share a network by chance.
    this.residentialNetworks = Array.from({ length: Math.max(200, Math.round(options.voters * 0.8)) }, () =>
      this.publicNetwork(),
    );
  }

  get endAt(): number {
    return this.startAt + this.durationMs;
  }

  accountId(): string {
    return `usr_${this.random.hex(16)}`;
  }

  deviceFingerprint(): string {
    return this.random.hex(32);
  }

  userAgent(): string {
    return this.random.pick(USER_AGENTS);
  }

  /** A /24 prefix ("a.b.c") outside private, loopback and multicast space. */
  publicNetwork(): string {
    for (;;) {
      const [a, b, c] = [this.random.int(2, 223), this.random.int(0, 255), this.random.int(0, 255)];
      if (a === 10 || a === 127 || (a === 172 && b >= 16 && b < 32) || (a === 192 && b === 168) || a === 100) continue;
      return `${a}.${b}.${c}`;
    }
  }

  hostIn(network: string): string {
    return `${network}.${this.random.int(2, 254)}`;
  }

  residentialIp(): string {
    return this.hostIn(this.random.pick(this.residentialNetworks));
  }

  addVoter(voter: Omit<SimulatedVoter, 'id'> & { id?: string }): SimulatedVoter {
    const added = { ...voter, id: voter.id ?? this.accountId() };
    this.voters.push(added);
    return added;
  }

  /** Casts a vote; false for a vote outside the simulated period or a voter's second vote on a request. */
  vote(voter: SimulatedVoter, request: SimulatedRequest, at: number, label: TrafficLabel): boolean {
    const key = `${voter.id}\u0000${request.id}`;
    const rounded = Math.round(at);
    if (this.cast.has(key) || rounded < this.startAt || rounded >= this.endAt) return false;
    this.cast.add(key);
    this.votes.push({ voterId: voter.id, featureRequestId: request.id, at: rounded, label });
    return true;
  }

  hasVoted(voter: SimulatedVoter, request: SimulatedRequest): boolean {
    return this.cast.has(`${voter.id}\u0000${request.id}`);
  }

  /** A request drawn by popularity. */
  popularRequest(): BoardRequest {
    return this.board[this.popularity.draw(this.random)] as BoardRequest;
  }

  /**
   * Requests between two points of the ranking given as shares of the board (0 is the most voted,
   * 1 the least), so attacks aim as well at a small board as at a large one; never empty.
   */
  ranked(fromShare: number, toShare: number): BoardRequest[] {
    const from = Math.min(this.board.length - 1, Math.floor(fromShare * this.board.length));
    return this.board.slice(from, Math.max(from + 1, Math.floor(toShare * this.board.length)));
  }

  build(): SimulatedTraffic {
    const votes = this.votes
      .map((vote, order) => ({ vote, order }))
      .sort((a, b) => a.vote.at - b.vote.at || a.order - b.order)
      .map(({ vote }) => vote);
    return {
      seed: this.seed,
      startAt: this.startAt,
      durationMs: this.durationMs,
      requests: this.random.shuffle(this.board.map(({ id, authorId }) => ({ id, authorId }))),
      voters: this.random.shuffle(this.voters),
      votes,
    };
  }
}
