import { DEFAULT_WEDDING_SEASON, type WeddingSeason } from './wedding-season';

/** Points per doubling of each component's raw value (see {@link scorePriority}). */
export interface PriorityWeights {
  readonly trustedVotes: number;
  readonly trend: number;
  readonly supplierReach: number;
  readonly coupleReach: number;
  readonly rice: number;
}

export interface PrioritySettings {
  readonly weights: PriorityWeights;
  readonly weddingSeason: WeddingSeason;
  /** The share added to the score of a request affecting wedding-day operations while it is season for its voters. */
  readonly weddingDayBoost: number;
}

export const DEFAULT_PRIORITY_SETTINGS: PrioritySettings = {
  weights: { trustedVotes: 1, trend: 2, supplierReach: 1.5, coupleReach: 0.5, rice: 1 },
  weddingSeason: DEFAULT_WEDDING_SEASON,
  weddingDayBoost: 0.4,
};
