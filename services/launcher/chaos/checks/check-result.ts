/** What a check found: figures to print, and failures (each with its evidence) that fail the run. */
export interface CheckResult {
  readonly name: string;
  readonly lines: string[];
  readonly failures: string[];
  readonly figures: Record<string, unknown>;
}

export function newCheck(name: string): CheckResult {
  return { name, lines: [], failures: [], figures: {} };
}
