import type { FieldViolation } from '@frm/grpc-errors';

/** The product team's RICE estimate for a request. */
export interface RiceInputs {
  /** People or accounts it would reach in a period (the team's estimate, not the votes). */
  readonly reach: number;
  /** 3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal; anything from 0.25 to 3. */
  readonly impact: number;
  /** How sure the team is of the other three, in percent: 0 to 100. */
  readonly confidence: number;
  /** Person-months of work; more than 0. */
  readonly effort: number;
}

export const RICE_IMPACT_MIN = 0.25;
export const RICE_IMPACT_MAX = 3;

/** Every field that breaks its range, named as in `SetRiceInputs` (e.g. `impact: must be from 0.25 to 3`). */
export function validateRiceInputs(inputs: RiceInputs): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const { reach, impact, confidence, effort } = inputs;
  if (!Number.isFinite(reach) || reach < 0) violations.push({ field: 'reach', rule: 'must be a number of people, 0 or more', got: String(reach) });
  if (!Number.isFinite(impact) || impact < RICE_IMPACT_MIN || impact > RICE_IMPACT_MAX) {
    violations.push({ field: 'impact', rule: 'must be from 0.25 to 3 (0.25 minimal, 0.5 low, 1 medium, 2 high, 3 massive)', got: String(impact) });
  }
  if (!Number.isFinite(confidence) || confidence < 0 || confidence > 100) {
    violations.push({ field: 'confidence', rule: 'must be a percentage from 0 to 100', got: String(confidence) });
  }
  if (!Number.isFinite(effort) || effort <= 0) violations.push({ field: 'effort', rule: 'must be more than 0 person-months', got: String(effort) });
  return violations;
}

/** reach × impact × confidence ÷ effort, confidence as a fraction. Call it with inputs that validate. */
export function riceScore(inputs: RiceInputs): number {
  return (inputs.reach * inputs.impact * (inputs.confidence / 100)) / inputs.effort;
}
