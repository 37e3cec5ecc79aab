import { percentile } from '@frm/bench';
import { ATTACK_KINDS, type AttackKind, type DetectionRate, type FraudSignalKind, type TrafficLabel } from '@frm/fraud-detection';
import type { FlagRecord } from './collect-flags';
import type { CastRecord } from './replay-votes';

/** A label's votes: caught is flagged, or refused by the velocity limits (the synchronous check). */
export interface ScreeningRate extends DetectionRate {
  /** Refused with RESOURCE_EXHAUSTED; counted in `flagged`, as screening stopped them. */
  refused: number;
  /** Failed otherwise (not cast, so neither flagged nor refused). */
  failed: number;
}

export interface DelaySummary {
  /** Flagged votes measured. */
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** How detection did on the real path. */
export interface SimulationScore {
  attacks: Record<AttackKind, ScreeningRate>;
  organic: ScreeningRate;
  organicFlagsByKind: Partial<Record<FraudSignalKind, number>>;
  /** Per attack, and over every flagged vote (`all`): flag time minus the last acknowledgement before it. */
  delays: Record<AttackKind | 'all', DelaySummary>;
  calls: number;
  cast: number;
  errorsByCode: Record<string, number>;
  /** Votes cast per second, from the first sent to the last answered. */
  votesPerSecond: number;
  /** Votes the replay asked for per second: the traffic's votes over their span on the simulation clock. */
  offeredPerSecond: number;
  /** How late votes were sent after they were due (waiting for a free slot, or a busy event loop). */
  lateness: { p50Ms: number; p99Ms: number; maxMs: number };
  /** CastVote round trips through the gateway. */
  castLatency: { p50Ms: number; p99Ms: number };
  /** Flagged votes that no call of the replay cast (should be none). */
  unknownFlags: number;
}

/**
 * Scores the replay against the traffic's labels. The detection delay of a flag is measured from
 * the latest vote acknowledged before it, the one that tipped the pattern: how long the
 * asynchronous detector took to notice, whichever earlier votes it then flagged along.
 */
export function scoreSimulation(casts: readonly CastRecord[], flags: readonly FlagRecord[]): SimulationScore {
  const labelOf = new Map<string, TrafficLabel>();
  for (const cast of casts) if (cast.voteId) labelOf.set(cast.voteId, cast.label);
  const flaggedKinds = new Map(flags.map((flag) => [flag.voteId, flag.kinds]));

  const rates = new Map<TrafficLabel, ScreeningRate>();
  const errorsByCode: Record<string, number> = {};
  for (const cast of casts) {
    const rate = rates.get(cast.label) ?? { votes: 0, flagged: 0, rate: 0, refused: 0, failed: 0 };
    rates.set(cast.label, rate);
    rate.votes++;
    if (cast.code === 'ResourceExhausted') rate.refused++;
    else if (cast.code !== undefined) rate.failed++;
    if (cast.code !== undefined) errorsByCode[cast.code] = (errorsByCode[cast.code] ?? 0) + 1;
    if (cast.code === 'ResourceExhausted' || (cast.voteId && flaggedKinds.has(cast.voteId))) rate.flagged++;
  }
  const rateOf = (label: TrafficLabel): ScreeningRate => {
    const rate = rates.get(label) ?? { votes: 0, flagged: 0, rate: 0, refused: 0, failed: 0 };
    return { ...rate, rate: rate.votes === 0 ? (label === 'organic' ? 0 : 1) : rate.flagged / rate.votes };
  };

  const organicFlagsByKind: Partial<Record<FraudSignalKind, number>> = {};
  for (const flag of flags) {
    if (labelOf.get(flag.voteId) !== 'organic') continue;
    for (const kind of flag.kinds) organicFlagsByKind[kind] = (organicFlagsByKind[kind] ?? 0) + 1;
  }

  const acknowledged = casts.filter((cast) => cast.voteId).map((cast) => cast.answeredAt).sort((a, b) => a - b);
  const delaysByLabel = new Map<TrafficLabel | 'all', number[]>();
  for (const flag of flags) {
    const tipping = latestAtOrBefore(acknowledged, flag.flaggedAt);
    const label = labelOf.get(flag.voteId);
    if (tipping === undefined || label === undefined) continue;
    for (const key of [label, 'all'] as const) {
      const delays = delaysByLabel.get(key) ?? [];
      delays.push(flag.flaggedAt - tipping);
      delaysByLabel.set(key, delays);
    }
  }
  const delays = Object.fromEntries(
    [...ATTACK_KINDS, 'all' as const].map((key) => [key, summarize(delaysByLabel.get(key) ?? [])]),
  ) as Record<AttackKind | 'all', DelaySummary>;

  const cast = casts.filter((record) => record.voteId);
  const firstSent = extreme(casts, 'sentAt', Math.min);
  const lastAnswered = extreme(casts, 'answeredAt', Math.max);
  const dueSpan = extreme(casts, 'dueAt', Math.max) - extreme(casts, 'dueAt', Math.min);
  const lateness = summarize(casts.map((record) => record.sentAt - record.dueAt));
  const latency = summarize(casts.map((record) => record.answeredAt - record.sentAt));

  return {
    attacks: Object.fromEntries(ATTACK_KINDS.map((kind) => [kind, rateOf(kind)])) as Record<AttackKind, ScreeningRate>,
    organic: rateOf('organic'),
    organicFlagsByKind,
    delays,
    calls: casts.length,
    cast: cast.length,
    errorsByCode,
    votesPerSecond: cast.length / (Math.max(1, lastAnswered - firstSent) / 1000),
    offeredPerSecond: casts.length / (Math.max(1, dueSpan) / 1000),
    lateness: { p50Ms: lateness.p50Ms, p99Ms: lateness.p99Ms, maxMs: lateness.maxMs },
    castLatency: { p50Ms: latency.p50Ms, p99Ms: latency.p99Ms },
    unknownFlags: flags.filter((flag) => !labelOf.has(flag.voteId)).length,
  };
}

function extreme(casts: readonly CastRecord[], field: 'sentAt' | 'answeredAt' | 'dueAt', pick: (a: number, b: number) => number): number {
  return casts.reduce((found, cast) => pick(found, cast[field]), casts[0]?.[field] ?? Number.NaN);
}

/** The largest of the ascending `sorted` that is at most `limit`. */
function latestAtOrBefore(sorted: readonly number[], limit: number): number | undefined {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] as number) <= limit) low = middle + 1;
    else high = middle;
  }
  return low === 0 ? undefined : sorted[low - 1];
}

function summarize(values: readonly number[]): DelaySummary {
  return {
    count: values.length,
    p50Ms: percentile(values, 50),
    p99Ms: percentile(values, 99),
    maxMs: values.length === 0 ? Number.NaN : values.reduce((a, b) => Math.max(a, b)),
  };
}
