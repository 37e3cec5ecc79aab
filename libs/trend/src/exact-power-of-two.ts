const GUARD_BITS = 96n;
const ONE = 1n << GUARD_BITS;
/** ln 2 × 2^96, rounded down. */
const LN2 = 0xb17217f7d1cf79abc9e3b398n;

/** Bits after the binary point of {@link exp2Fraction}'s result. */
export const FRACTION_BITS = 64n;

/**
 * ⌊2^(numerator / denominator) × 2^64⌋ for 0 ≤ numerator < denominator, by a Taylor series in
 * integer arithmetic only: the same bits on every engine, unlike Math.pow, which need not be
 * correctly rounded and has changed between V8 versions.
 */
export function exp2Fraction(numerator: bigint, denominator: bigint): bigint {
  if (numerator < 0n || numerator >= denominator) throw new RangeError(`exp2Fraction needs 0 ≤ ${numerator} < ${denominator}`);
  const exponent = (LN2 * numerator) / denominator;
  let sum = ONE;
  let term = ONE;
  for (let k = 1n; term !== 0n; k++) {
    term = (term * exponent) / (k << GUARD_BITS);
    sum += term;
  }
  return sum >> (GUARD_BITS - FRACTION_BITS);
}

/** The double nearest to mantissa × 2^exponent, rounded the same way everywhere (one rounding to 64 bits, one to 53). */
export function toDouble(mantissa: bigint, exponent: number): number {
  if (mantissa === 0n) return 0;
  if (mantissa < 0n) return -toDouble(-mantissa, exponent);
  const extraBits = mantissa.toString(2).length - 64;
  if (extraBits > 0) {
    mantissa >>= BigInt(extraBits);
    exponent += extraBits;
  }
  return scaleByPowerOfTwo(Number(mantissa), exponent);
}

function scaleByPowerOfTwo(value: number, exponent: number): number {
  let scaled = value;
  let rest = exponent;
  while (rest > 1023) {
    scaled *= powerOfTwo(1023);
    rest -= 1023;
  }
  while (rest < -1022) {
    if (scaled === 0) return 0;
    scaled *= powerOfTwo(-1022);
    rest += 1022;
  }
  return scaled * powerOfTwo(rest);
}

/** 2^k built from its bits, exact for -1022 ≤ k ≤ 1023. */
function powerOfTwo(k: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint16(0, (k + 1023) << 4);
  return view.getFloat64(0);
}
