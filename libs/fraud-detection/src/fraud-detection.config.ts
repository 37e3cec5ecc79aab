const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How much a vote counts for an account of up to `maxAccountAgeMs` (exclusive). */
export interface VoteWeightBand {
  maxAccountAgeMs: number;
  weight: number;
}

/**
 * Every threshold, window and score of the fraud detectors. Defaults were tuned on the seeded
 * traffic of `generateTraffic` (see `evaluateDetectors`): every attack kind found at ≥ 95 % recall
 * with ≤ 1 % of organic votes flagged.
 */
export interface FraudDetectionConfig {
  readonly window: {
    /**
     * Votes kept at most, oldest evicted first (100,000: a week of a busy board; about 1 KB per vote
     * held with its indexes, so ~110 MB at the limit).
     */
    readonly maxVotes: number;
  };
  readonly findings: {
    /**
     * Related votes listed in one finding at most (50): keeps a `VoteFlagged` event small when a
     * farm has hundreds of votes; the explanation still gives the full count.
     */
    readonly maxRelatedVoteIds: number;
  };
  readonly sharedDevice: {
    /** Distinct accounts on one device that make it a sockpuppet farm (3: a couple sharing a phone is 2). */
    readonly minAccounts: number;
    /** How far back accounts on the device count (24 h: a farm logs its accounts in within a day). */
    readonly windowMs: number;
    /** Score at `minAccounts`, rising towards 1 with more accounts (0.7: a device is strong evidence). */
    readonly score: number;
  };
  readonly sharedNetwork: {
    /** Distinct accounts of one /24 network voting one request (5: above a household's 2–4). */
    readonly minAccounts: number;
    /**
     * How unlikely the count must be by chance (1 in 100,000, as each vote is one more test). Chance
     * is a Poisson count around the network's active accounts × the request's share of voters, so a
     * venue's wifi or a mobile carrier's shared addresses full of people voting popular requests
     * is not flagged.
     */
    readonly maxChanceProbability: number;
    /** How close together the votes must be (1 h: organic neighbours rarely coincide that tightly). */
    readonly windowMs: number;
    /** Score at the threshold (0.5: networks are shared organically, so weaker than a device). */
    readonly score: number;
  };
  readonly voteRing: {
    /** Accounts, the voter included, that make a ring (4: three suspicious partners). */
    readonly minRingSize: number;
    /**
     * Suspicious partners already reported as ring members that are enough for the voter to join
     * their ring (1): a member who skipped some of the ring's requests may share too few with the
     * others to reach `minRingSize` on its own, while sharing ≥ `minSharedRequests` rarely voted
     * requests with a known member is already far beyond chance. 0 turns joining off.
     */
    readonly minKnownRingPartners: number;
    /** Non-popular requests a pair must share to be suspicious (4: chance makes this vanishingly rare). */
    readonly minSharedRequests: number;
    /** Jaccard similarity of the pair's vote sets (0.5: half of everything they voted is the same). */
    readonly minJaccard: number;
    /**
     * Share of active voters above which a request is popular and its co-votes are ignored (3 %).
     * Popularity is Zipf-distributed, so organic voters share the top requests all the time, and
     * suppliers of one trade share their trade's favourites (3–5 % of all voters; from a 4 % cutoff
     * the simulated trades start to look like rings). Much lower, and a ring's own votes push its
     * requests over the cutoff while the board is small.
     */
    readonly popularVoterShare: number;
    /** The voter's least popular requests whose voters are candidates (8): bounds the work per vote. */
    readonly maxProbeRequests: number;
    /** Most recent voters taken per probed request (200): bounds the work per vote. */
    readonly maxVotersPerProbe: number;
    /** How far back vote sets reach (7 days: rings vote over hours to days). */
    readonly windowMs: number;
    /** Score at the thresholds, rising with ring size (0.7). */
    readonly score: number;
  };
  readonly burst: {
    /** The burst window (10 min: bought votes arrive within minutes). */
    readonly windowMs: number;
    /** The request's own baseline before the burst window (3 h: long enough to smooth, short enough to follow a trend). */
    readonly baselineMs: number;
    /** Votes in the burst window before it can be a burst (20: fewer is noise on a small request). */
    readonly minVotes: number;
    /** Rate in the burst window against the baseline rate (5×). */
    readonly minRateMultiple: number;
    /** Accounts younger than this are young (14 days: bought accounts are fresh). */
    readonly youngAccountAgeMs: number;
    /** Share of young accounts among the burst's voters (50 %: organic traffic has a few %). */
    readonly minYoungShare: number;
    /** Score at the thresholds (0.6). */
    readonly score: number;
  };
  readonly newAccount: {
    /** Accounts younger than this when voting are brand new (24 h). */
    readonly maxAccountAgeMs: number;
    /** Votes within an account's first day that are too many (5: a new user looks around and votes a little). */
    readonly minVotes: number;
    /** The wave window for brand-new accounts converging on one request (1 h). */
    readonly waveWindowMs: number;
    /** Brand-new accounts' votes on one request within the wave window (8). */
    readonly waveMinVotes: number;
    /** Their share of the request's votes in that window (50 %: a campaign bringing new users to a popular request is not a wave). */
    readonly waveMinShare: number;
    /** Score at the thresholds (0.5: new users are mostly genuine). */
    readonly score: number;
  };
  readonly serialVoting: {
    /** Requests of one author the voter voted for (5: a fan of two or three requests is normal). */
    readonly minAuthorRequests: number;
    /** Share of the voter's own votes going to that author (80 %: the account exists to push one author). */
    readonly minShareOfVoterVotes: number;
    /** How far back the voter's votes count (7 days). */
    readonly windowMs: number;
    /** Score at the thresholds (0.6). */
    readonly score: number;
  };
  readonly voteWeight: {
    /**
     * Weight by account age when the vote is cast, youngest band first; older accounts weigh 1.
     * (< 1 day 0.25, < 7 days 0.5, < 30 days 0.8): account age is the one risk visible before any
     * correlation, and bought accounts are young; a genuine new user still counts for something.
     */
    readonly bands: readonly VoteWeightBand[];
    /** Weight when the token did not say the account's age (0.8: as a month-old account, unproven but not new). */
    readonly unknownAgeWeight: number;
  };
}

export const DEFAULT_FRAUD_DETECTION_CONFIG: FraudDetectionConfig = deepFreeze({
  window: { maxVotes: 100_000 },
  findings: { maxRelatedVoteIds: 50 },
  sharedDevice: { minAccounts: 3, windowMs: DAY, score: 0.7 },
  sharedNetwork: { minAccounts: 5, maxChanceProbability: 1e-5, windowMs: HOUR, score: 0.5 },
  voteRing: {
    minRingSize: 4,
    minKnownRingPartners: 1,
    minSharedRequests: 4,
    minJaccard: 0.5,
    popularVoterShare: 0.03,
    maxProbeRequests: 8,
    maxVotersPerProbe: 200,
    windowMs: 7 * DAY,
    score: 0.7,
  },
  burst: {
    windowMs: 10 * MINUTE,
    baselineMs: 3 * HOUR,
    minVotes: 20,
    minRateMultiple: 5,
    youngAccountAgeMs: 14 * DAY,
    minYoungShare: 0.5,
    score: 0.6,
  },
  newAccount: {
    maxAccountAgeMs: DAY,
    minVotes: 5,
    waveWindowMs: HOUR,
    waveMinVotes: 8,
    waveMinShare: 0.5,
    score: 0.5,
  },
  serialVoting: { minAuthorRequests: 5, minShareOfVoterVotes: 0.8, windowMs: 7 * DAY, score: 0.6 },
  voteWeight: {
    bands: [
      { maxAccountAgeMs: DAY, weight: 0.25 },
      { maxAccountAgeMs: 7 * DAY, weight: 0.5 },
      { maxAccountAgeMs: 30 * DAY, weight: 0.8 },
    ],
    unknownAgeWeight: 0.8,
  },
});

/** Overrides for some fields of some sections; `voteWeight.bands` is replaced as a whole. */
export type FraudDetectionConfigOverrides = {
  readonly [Section in keyof FraudDetectionConfig]?: Partial<FraudDetectionConfig[Section]>;
};

/** The default configuration with the given overrides; throws a RangeError naming a nonsensical value. */
export function fraudDetectionConfigFrom(overrides: FraudDetectionConfigOverrides = {}): FraudDetectionConfig {
  const base = DEFAULT_FRAUD_DETECTION_CONFIG;
  const merged = Object.fromEntries(
    (Object.keys(base) as (keyof FraudDetectionConfig)[]).map((section) => [
      section,
      { ...base[section], ...overrides[section] },
    ]),
  ) as unknown as FraudDetectionConfig;
  assertValid(merged);
  return deepFreeze(merged);
}

/** The time the detectors look back, so the window keeps exactly what they need. */
export function longestWindowMs(config: FraudDetectionConfig): number {
  return Math.max(
    config.sharedDevice.windowMs,
    config.sharedNetwork.windowMs,
    config.voteRing.windowMs,
    config.burst.windowMs + config.burst.baselineMs,
    config.newAccount.maxAccountAgeMs,
    config.newAccount.waveWindowMs,
    config.serialVoting.windowMs,
  );
}

const UNIT_INTERVAL = /(score|Share|ShareOfVoterVotes|Jaccard|[wW]eight|Probability)$/;

function assertValid(config: FraudDetectionConfig): void {
  for (const [section, fields] of Object.entries(config) as [string, Record<string, unknown>][]) {
    for (const [field, value] of Object.entries(fields)) {
      if (field === 'bands') continue;
      assertNumber(`${section}.${field}`, value, UNIT_INTERVAL.test(field));
    }
  }
  config.voteWeight.bands.forEach((band, i) => {
    assertNumber(`voteWeight.bands[${i}].maxAccountAgeMs`, band.maxAccountAgeMs, false);
    assertNumber(`voteWeight.bands[${i}].weight`, band.weight, true);
    const previous = config.voteWeight.bands[i - 1];
    if (previous && previous.maxAccountAgeMs >= band.maxAccountAgeMs) {
      throw new RangeError('voteWeight.bands must be ordered from the youngest accounts to the oldest');
    }
  });
  if (config.voteWeight.unknownAgeWeight === 0 || config.voteWeight.bands.some((band) => band.weight === 0)) {
    throw new RangeError('a vote weight must be above 0: every vote counts for something');
  }
}

function assertNumber(name: string, value: unknown, unitInterval: boolean): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (unitInterval && value > 1)) {
    throw new RangeError(`${name} must be a number ${unitInterval ? 'from 0 to 1' : 'of at least 0'}, got ${String(value)}`);
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
