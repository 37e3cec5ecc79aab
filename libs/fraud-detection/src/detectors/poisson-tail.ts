/**
 * P(X ≥ observed) for X ~ Poisson(expected): how often chance alone gives at least this many.
 * Summed from the observed count upwards in log space, so tiny probabilities stay exact.
 */
export function poissonTail(observed: number, expected: number): number {
  if (observed <= 0) return 1;
  if (expected <= 0) return 0;
  // At or below the mean the tail is large; the detectors only care about small ones.
  if (observed <= expected) return 1;
  let logTerm = -expected + observed * Math.log(expected) - logFactorial(observed);
  let sum = 0;
  for (let count = observed; count < observed + 1_000; count++) {
    const term = Math.exp(logTerm);
    sum += term;
    if (term < sum * 1e-12) break;
    logTerm += Math.log(expected) - Math.log(count + 1);
  }
  return Math.min(1, sum);
}

function logFactorial(n: number): number {
  let total = 0;
  for (let k = 2; k <= n; k++) total += Math.log(k);
  return total;
}
