import { riceScore, validateRiceInputs, type RiceInputs } from './rice';
import { DEFAULT_PRIORITY_SETTINGS, type PrioritySettings } from './priority.settings';
import { describeSeason, seasonShare } from './wedding-season';

/** What triage knows about a request at one event time. */
export interface PriorityInputs {
  /** The event time the score is for (ms since the Unix epoch), never the wall clock. */
  readonly at: number;
  /** Votes that count: neither retracted nor held back by fraud detection. */
  readonly countedVotes: number;
  /** Those votes each weighted by its voter's risk weight from voting (1 trusted … 0 not at all). */
  readonly trustedVoteWeight: number;
  /** The decayed vote rate at `at` (see trend.ts) and its half-life. */
  readonly trend: { readonly rate: number; readonly halfLifeMs: number };
  /** Distinct supplier types among the voters. */
  readonly supplierTypes: number;
  /** Distinct couples among the voters. */
  readonly couples: number;
  /** Product's estimate, once set. */
  readonly rice?: RiceInputs;
  /** Product marked it as affecting suppliers' wedding-day operations. */
  readonly affectsWeddingDayOperations: boolean;
  /** Trusted vote weight per voter time zone (IANA name). */
  readonly voteWeightByZone: ReadonlyMap<string, number>;
}

export type PriorityComponentName = 'trusted-votes' | 'trend' | 'supplier-reach' | 'couple-reach' | 'rice' | 'wedding-season-urgency';

export interface PriorityComponent {
  readonly name: PriorityComponentName;
  readonly rawValue: number;
  readonly weight: number;
  /** What it adds to the score. */
  readonly points: number;
  readonly explanation: string;
}

export interface PriorityScore {
  readonly score: number;
  readonly components: readonly PriorityComponent[];
}

/**
 * The priority score and its breakdown. Each additive component earns weight × log2(1 + raw):
 * returns diminish, so a RICE reach in the thousands cannot drown the votes, and doubling a raw
 * value adds about `weight` points. Wedding-season urgency then adds `weddingDayBoost` × the share
 * of vote weight in season (see wedding-season.ts) of that subtotal, for requests product marked
 * as affecting suppliers' wedding-day operations: +40% when every voter is in May–October.
 */
export function scorePriority(inputs: PriorityInputs, settings: PrioritySettings = DEFAULT_PRIORITY_SETTINGS): PriorityScore {
  checkInputs(inputs);
  const { weights } = settings;
  const rice = inputs.rice === undefined ? 0 : riceScore(inputs.rice);
  const additive = [
    component('trusted-votes', inputs.trustedVoteWeight, weights.trustedVotes, explainVotes(inputs)),
    component('trend', inputs.trend.rate, weights.trend, explainTrend(inputs.trend)),
    component('supplier-reach', inputs.supplierTypes, weights.supplierReach, explainSupplierReach(inputs.supplierTypes)),
    component('couple-reach', inputs.couples, weights.coupleReach, explainCoupleReach(inputs.couples)),
    component('rice', rice, weights.rice, explainRice(inputs.rice, rice)),
  ];
  const subtotal = additive.reduce((sum, part) => sum + part.points, 0);
  const share = inputs.affectsWeddingDayOperations ? seasonShare(inputs.voteWeightByZone, inputs.at, settings.weddingSeason) : 0;
  const urgency: PriorityComponent = {
    name: 'wedding-season-urgency',
    rawValue: share,
    weight: settings.weddingDayBoost,
    points: subtotal * settings.weddingDayBoost * share,
    explanation: explainUrgency(inputs.affectsWeddingDayOperations, share, settings),
  };
  return { score: subtotal + urgency.points, components: [...additive, urgency] };
}

function component(name: PriorityComponentName, rawValue: number, weight: number, explanation: string): PriorityComponent {
  return { name, rawValue, weight, points: weight * Math.log2(1 + rawValue), explanation };
}

function checkInputs(inputs: PriorityInputs): void {
  const counts = {
    countedVotes: inputs.countedVotes,
    trustedVoteWeight: inputs.trustedVoteWeight,
    'trend.rate': inputs.trend.rate,
    supplierTypes: inputs.supplierTypes,
    couples: inputs.couples,
  };
  for (const [name, value] of Object.entries(counts)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number ≥ 0, got ${value}`);
  }
  const [broken] = inputs.rice === undefined ? [] : validateRiceInputs(inputs.rice);
  if (broken !== undefined) throw new RangeError(`rice.${broken.field} ${broken.rule}, got ${broken.got}`);
}

const number = (value: number) => value.toLocaleString('en', { maximumFractionDigits: 1 });
const plural = (count: number, one: string, many: string) => `${number(count)} ${count === 1 ? one : many}`;

function explainVotes({ countedVotes, trustedVoteWeight }: PriorityInputs): string {
  if (countedVotes === 0) return 'No counted votes yet.';
  return `${plural(countedVotes, 'counted vote weighs', 'counted votes weigh')} ${number(trustedVoteWeight)} once each voter's fraud risk is applied.`;
}

function explainTrend({ rate, halfLifeMs }: PriorityInputs['trend']): string {
  const days = halfLifeMs / 86_400_000;
  const halfLife = Number.isInteger(days) ? plural(days, 'day', 'days') : plural(halfLifeMs / 3_600_000, 'hour', 'hours');
  return `Recent interest: its votes add up to ${number(rate)} when each counts half as much every ${halfLife}.`;
}

function explainSupplierReach(types: number): string {
  return types === 0 ? 'No supplier has voted for it yet.' : `Wanted by suppliers of ${plural(types, 'type', 'different types')}.`;
}

function explainCoupleReach(couples: number): string {
  return couples === 0 ? 'No couple has voted for it yet.' : `Wanted by ${plural(couples, 'couple', 'couples')}.`;
}

function explainRice(inputs: RiceInputs | undefined, score: number): string {
  if (inputs === undefined) return 'Product has not set RICE inputs yet.';
  const { reach, impact, confidence, effort } = inputs;
  return `Product's RICE estimate: reach ${number(reach)} × impact ${impact} × confidence ${number(confidence)}% ÷ effort ${number(effort)} person-months = ${number(score)}.`;
}

function explainUrgency(affects: boolean, share: number, settings: PrioritySettings): string {
  if (!affects) return "Not marked as affecting suppliers' wedding-day operations: no seasonal boost.";
  const season = describeSeason(settings.weddingSeason);
  const percent = (value: number) => `${number(value * 100)}%`;
  if (share === 0) return `Affects suppliers' wedding-day operations, but it is not wedding season (${season}) for any of its voters now: no boost.`;
  return `Affects suppliers' wedding-day operations and it is wedding season (${season}) for voters with ${percent(share)} of its vote weight: +${percent(settings.weddingDayBoost * share)} (the full boost is +${percent(settings.weddingDayBoost)}).`;
}
