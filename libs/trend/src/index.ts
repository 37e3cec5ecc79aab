export {
  addVote,
  combineTrends,
  decodeTrend,
  DEFAULT_TREND_HALF_LIFE_MS,
  emptyTrend,
  encodeTrend,
  MIN_TREND_HALF_LIFE_MS,
  removeVote,
  trendAt,
  trendOfSum,
  voteTerm,
  type ExactSum,
  type TrendState,
} from './trend';
export { TREND_ORIGIN_MS, trendOfTermSum, trendTermOf } from './trend-terms';
export { eventTimeOf } from './event-time';
export { formatHalfLife, halfLifeSchema, trendSettings } from './trend-half-life.setting';
export { TrendHalfLifeMismatchError, type TrendReadModel } from './trend-half-life-mismatch.error';
