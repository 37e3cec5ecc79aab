export interface BenchmarkResult {
  metric: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
  target?: number;
  [detail: string]: unknown;
}

/**
 * Prints one JSON line on stdout. The ratio compares the measurement with a baseline taken in the
 * same run, so it survives noisy machines; `higherIsBetter` says which way the ratio is taken.
 */
export function reportResult(
  metric: string,
  measured: { value: number; unit: string; baseline: number; target?: number; higherIsBetter?: boolean },
  details: Record<string, unknown> = {},
): BenchmarkResult {
  const higherIsBetter = measured.higherIsBetter ?? true;
  const ratio = higherIsBetter ? measured.value / measured.baseline : measured.baseline / measured.value;
  const result: BenchmarkResult = {
    metric,
    value: round(measured.value),
    unit: measured.unit,
    baseline: round(measured.baseline),
    ratio: round(ratio, 3),
    ...(measured.target !== undefined ? { target: measured.target, meetsTarget: ratio >= measured.target } : {}),
    ...details,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return result;
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
