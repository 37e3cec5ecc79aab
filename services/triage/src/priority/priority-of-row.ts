import { scorePriority, type PriorityInputs, type PriorityScore } from './priority-score';
import type { PrioritySettings } from './priority.settings';
import { trendAt, trendOfTermSum } from '@frm/trend';

/** What the read model holds of one request's support, as Postgres returns it (exact sums as text). */
export interface PriorityRow {
  readonly id: string;
  readonly counted_votes: string;
  readonly trusted_weight: string;
  readonly trend_sum: string;
  readonly supplier_types: string;
  readonly couples: string;
  readonly rice_reach: number | null;
  readonly rice_impact: number | null;
  readonly rice_confidence: number | null;
  readonly rice_effort: number | null;
  readonly affects_wedding_day: boolean;
  /** Trusted vote weight per voter time zone, exact sums as text. */
  readonly weight_by_zone: Readonly<Record<string, string>>;
}

/** The score of a request at event time `at`, from its row. */
export function priorityOfRow(row: PriorityRow, at: number, halfLifeMs: number, settings: PrioritySettings): PriorityScore {
  return scorePriority(priorityInputsOf(row, at, halfLifeMs), settings);
}

export function priorityInputsOf(row: PriorityRow, at: number, halfLifeMs: number): PriorityInputs {
  // A sum of exact decimals read once into a double: the same digits give the same number.
  const trustedVoteWeight = Math.max(0, Number(row.trusted_weight));
  const rice =
    row.rice_reach === null || row.rice_impact === null || row.rice_confidence === null || row.rice_effort === null
      ? undefined
      : { reach: row.rice_reach, impact: row.rice_impact, confidence: row.rice_confidence, effort: row.rice_effort };
  return {
    at,
    countedVotes: Math.max(0, Number(row.counted_votes)),
    trustedVoteWeight,
    trend: { rate: trendAt(trendOfTermSum(halfLifeMs, BigInt(row.trend_sum)), at), halfLifeMs },
    supplierTypes: Number(row.supplier_types),
    couples: Number(row.couples),
    ...(rice ? { rice } : {}),
    affectsWeddingDayOperations: row.affects_wedding_day,
    voteWeightByZone: new Map(Object.entries(row.weight_by_zone).map(([zone, weight]) => [zone, Math.max(0, Number(weight))])),
  };
}
