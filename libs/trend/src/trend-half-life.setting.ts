import { z } from 'zod';
import { custom, defineSettings } from '@frm/config';
import { DEFAULT_TREND_HALF_LIFE_MS, MIN_TREND_HALF_LIFE_MS } from './trend';

const HALF_LIFE = /^(\d+(?:\.\d+)?)(h|d)$/;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** A half-life as the setting spells it: whole days as `7d`, anything else in hours (`36h`). */
export function formatHalfLife(ms: number): string {
  return ms % DAY_MS === 0 ? `${ms / DAY_MS}d` : `${ms / HOUR_MS}h`;
}

/** `7d`, `36h`, `1.5d` → milliseconds; at least an hour (see {@link MIN_TREND_HALF_LIFE_MS}). */
export const halfLifeSchema = z
  .string()
  .regex(HALF_LIFE)
  .transform((value) => {
    const [, amount, unit] = HALF_LIFE.exec(value) as RegExpExecArray;
    return Math.round(Number(amount) * (unit === 'd' ? DAY_MS : HOUR_MS));
  })
  .pipe(z.number().int().min(MIN_TREND_HALF_LIFE_MS));

/**
 * The one trend half-life of the platform. Intake's `trending` sort and triage's priority read it
 * alike, so both rank by the same trend; each read model records the half-life it was built with
 * and refuses to start on another one (see TrendHalfLifeMismatchError).
 */
export const trendSettings = defineSettings({
  FRM_TREND_HALF_LIFE: custom({
    schema: halfLifeSchema,
    expected: 'a duration in hours or days, at least 1h (12h, 7d)',
    example: '7d',
    show: formatHalfLife,
  })
    .default(DEFAULT_TREND_HALF_LIFE_MS)
    .describe("the trend's half-life (a vote counts half as much after it), for intake's trending sort and triage's priority; changing it needs a rebuild of both read models"),
});
