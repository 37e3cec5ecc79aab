/** The attacks the generator mixes in, one per detector. */
export type AttackKind = 'sockpuppets' | 'shared_network' | 'vote_ring' | 'burst' | 'new_accounts' | 'serial_voting';

export const ATTACK_KINDS: readonly AttackKind[] = Object.freeze([
  'sockpuppets',
  'shared_network',
  'vote_ring',
  'burst',
  'new_accounts',
  'serial_voting',
]);

export type TrafficLabel = 'organic' | AttackKind;

export interface SimulatedRequest {
  id: string;
  authorId: string;
}

/** An account as the gateway sees it: the token's claims and the connection's raw signals. */
export interface SimulatedVoter {
  id: string;
  /** Milliseconds since the epoch. */
  accountCreatedAt: number;
  deviceFingerprint: string;
  /** IPv4, dotted. */
  ipAddress: string;
  userAgent: string;
}

export interface SimulatedVote {
  voterId: string;
  featureRequestId: string;
  /** Milliseconds since the epoch. */
  at: number;
  /** Ground truth: organic, or the attack the vote belongs to. */
  label: TrafficLabel;
}

export interface SimulatedTraffic {
  seed: number;
  startAt: number;
  durationMs: number;
  requests: SimulatedRequest[];
  /** Every account that votes, organic and attacking alike, in an order that says nothing. */
  voters: SimulatedVoter[];
  /** Ordered by `at`. */
  votes: SimulatedVote[];
}

export interface TrafficOptions {
  seed: number;
  /** Organic voters (3,000). */
  voters?: number;
  /** Feature requests on the board (300). */
  requests?: number;
  /** The simulated period (6 h). */
  durationMs?: number;
  /** Milliseconds since the epoch (2025-06-07T08:00Z, a Saturday in wedding season). */
  startAt?: number;
  /** Zipf exponent of request popularity (1.1). */
  zipfExponent?: number;
  /** The attacks to mix in (all of them). */
  attacks?: readonly AttackKind[];
}
