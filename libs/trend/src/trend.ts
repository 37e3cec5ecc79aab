import { exp2Fraction, FRACTION_BITS, toDouble } from './exact-power-of-two';

export const DEFAULT_TREND_HALF_LIFE_MS = 7 * 24 * 60 * 60 * 1000;
/** Below an hour the state of a request voted on for years would grow to kilobytes (see {@link TrendState}). */
export const MIN_TREND_HALF_LIFE_MS = 60 * 60 * 1000;

/**
 * The exponentially decayed vote rate of one request: at time t it is Σ 2^(-(t - tᵢ)/halfLife)
 * over its votes' times tᵢ, i.e. `rate' = rate × 2^(-(t - at)/halfLife) + 1` applied vote by vote.
 *
 * Folding that recurrence in floating point gives a different last digit for every grouping of the
 * same votes (replay in batches, a merge of two requests). So the state keeps Σ 2^(tᵢ/halfLife)
 * itself, exactly, as mantissa × 2^exponent with a BigInt mantissa: each vote adds a term that
 * depends on its own time only (2^⌊tᵢ/h⌋ × ⌊2^frac × 2^64⌋, integer arithmetic), and exact
 * addition is associative and commutative. Any grouping or order of the same votes gives the same
 * state bit for bit, a retracted vote is removed exactly, and {@link trendAt} divides by 2^(t/h)
 * once, rounding the same way everywhere. The mantissa needs about 64 + (span of the votes' times
 * ÷ half-life) bits: 170 bits for two years of votes at the default 7 days.
 */
export interface TrendState {
  readonly halfLifeMs: number;
  /** Odd, or 0 for no votes (the canonical form makes equal sums equal states). */
  readonly mantissa: bigint;
  readonly exponent: number;
  /** The latest vote time counted, in ms since the Unix epoch; absent before the first vote. */
  readonly at?: number;
}

export function emptyTrend(halfLifeMs: number = DEFAULT_TREND_HALF_LIFE_MS): TrendState {
  if (!Number.isSafeInteger(halfLifeMs) || halfLifeMs < MIN_TREND_HALF_LIFE_MS) {
    throw new RangeError(`the trend's half-life must be whole milliseconds, at least ${MIN_TREND_HALF_LIFE_MS} (an hour), got ${halfLifeMs}`);
  }
  return { halfLifeMs, mantissa: 0n, exponent: 0 };
}

/** Counts a vote cast at `votedAt` (ms since the Unix epoch, the event's time). */
export function addVote(state: TrendState, votedAt: number): TrendState {
  const term = voteTerm(state.halfLifeMs, votedAt);
  return withSum(state, add(state, term), Math.max(state.at ?? votedAt, votedAt));
}

/** Takes back exactly what {@link addVote} added for a vote cast at `votedAt` (retracted, quarantined, moved away). */
export function removeVote(state: TrendState, votedAt: number): TrendState {
  const term = voteTerm(state.halfLifeMs, votedAt);
  const sum = add(state, { mantissa: -term.mantissa, exponent: term.exponent });
  if (sum.mantissa < 0n) throw new RangeError(`removing a vote of ${new Date(votedAt).toISOString()} that the trend never counted`);
  return withSum(state, sum, sum.mantissa === 0n ? undefined : state.at);
}

/** The trend of the votes of both (a merge of two requests); the same as adding each vote to one. */
export function combineTrends(a: TrendState, b: TrendState): TrendState {
  if (a.halfLifeMs !== b.halfLifeMs) throw new RangeError(`cannot combine trends of half-lives ${a.halfLifeMs} and ${b.halfLifeMs} ms`);
  const at = a.at === undefined ? b.at : b.at === undefined ? a.at : Math.max(a.at, b.at);
  return withSum(a, add(a, b), at);
}

/**
 * The decayed vote rate at event time `at` (never the wall clock): votes "worth" a whole vote
 * now, each counting half as much per half-life since it was cast. A time before the latest
 * vote counted reads at that vote, as the state cannot take later votes back out.
 */
export function trendAt(state: TrendState, at: number): number {
  if (state.mantissa === 0n) return 0;
  const time = BigInt(checkTime(Math.max(at, state.at ?? at)));
  const h = BigInt(state.halfLifeMs);
  const whole = floorDivide(time, h);
  const rest = time - whole * h;
  // 2^(-t/h) = 2^-whole × 2^(-rest/h), and 2^(-rest/h) = 2^((h - rest)/h) / 2 keeps exp2Fraction's argument in [0, 1).
  const fraction = rest === 0n ? 1n << FRACTION_BITS : exp2Fraction(h - rest, h);
  const halve = rest === 0n ? 0 : 1;
  return toDouble(state.mantissa * fraction, state.exponent - Number(whole) - Number(FRACTION_BITS) - halve);
}

/** A compact text form for a read model column: `halfLife:mantissa(hex):exponent:at`. */
export function encodeTrend(state: TrendState): string {
  const sign = state.mantissa < 0n ? '-' : '';
  const magnitude = (state.mantissa < 0n ? -state.mantissa : state.mantissa).toString(16);
  return `${state.halfLifeMs}:${sign}${magnitude}:${state.exponent}:${state.at ?? ''}`;
}

export function decodeTrend(text: string): TrendState {
  const match = /^(\d+):(-?[0-9a-f]+):(-?\d+):(-?\d*)$/.exec(text);
  if (match === null) throw new RangeError(`not an encoded trend: ${JSON.stringify(text.slice(0, 40))}`);
  const [, halfLife, mantissa, exponent, at] = match;
  const magnitude = BigInt(`0x${mantissa.replace('-', '')}`);
  const state = emptyTrend(Number(halfLife));
  const sum = normalise({ mantissa: mantissa.startsWith('-') ? -magnitude : magnitude, exponent: Number(exponent) });
  return withSum(state, sum, at === '' ? undefined : Number(at));
}

/** mantissa × 2^exponent, exactly. */
export interface ExactSum {
  readonly mantissa: bigint;
  readonly exponent: number;
}

/** What a vote cast at `votedAt` adds to the sum a {@link TrendState} keeps (2^(votedAt/halfLife), exactly as {@link addVote} adds it). */
export function voteTerm(halfLifeMs: number, votedAt: number): ExactSum {
  const time = BigInt(checkTime(votedAt));
  const h = BigInt(halfLifeMs);
  const whole = floorDivide(time, h);
  return normalise({ mantissa: exp2Fraction(time - whole * h, h), exponent: Number(whole) - Number(FRACTION_BITS) });
}

function add(a: ExactSum, b: ExactSum): ExactSum {
  if (a.mantissa === 0n) return b;
  if (b.mantissa === 0n) return a;
  const exponent = Math.min(a.exponent, b.exponent);
  const mantissa = (a.mantissa << BigInt(a.exponent - exponent)) + (b.mantissa << BigInt(b.exponent - exponent));
  return normalise({ mantissa, exponent });
}

function normalise(sum: ExactSum): ExactSum {
  if (sum.mantissa === 0n) return { mantissa: 0n, exponent: 0 };
  const magnitude = sum.mantissa < 0n ? -sum.mantissa : sum.mantissa;
  const trailingZeros = (magnitude & -magnitude).toString(2).length - 1;
  return { mantissa: sum.mantissa >> BigInt(trailingZeros), exponent: sum.exponent + trailingZeros };
}

/** The state whose sum is `sum` (e.g. added up elsewhere, exactly); `at` as {@link TrendState.at}. */
export function trendOfSum(halfLifeMs: number, sum: ExactSum, at?: number): TrendState {
  if (sum.mantissa < 0n) throw new RangeError('a trend cannot be negative: a vote was removed that was never counted');
  return withSum(emptyTrend(halfLifeMs), normalise(sum), sum.mantissa === 0n ? undefined : at);
}

function withSum(state: TrendState, sum: ExactSum, at: number | undefined): TrendState {
  const next = { halfLifeMs: state.halfLifeMs, mantissa: sum.mantissa, exponent: sum.exponent };
  return at === undefined ? next : { ...next, at };
}

function checkTime(ms: number): number {
  if (!Number.isSafeInteger(ms)) throw new RangeError(`an event time must be whole milliseconds since the Unix epoch, got ${ms}`);
  return ms;
}

function floorDivide(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  return quotient * b > a ? quotient - 1n : quotient;
}
