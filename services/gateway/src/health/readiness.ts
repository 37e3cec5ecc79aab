/** One thing the gateway needs to serve calls; `check` resolves with why it is not ready, or `undefined`. */
export interface ReadinessCheck {
  /** What is checked: a routed gRPC service (`frm.v1.IntakeService`) or `redis`. */
  readonly name: string;
  check(): Promise<string | undefined>;
}

/** `/readyz`'s answer: ready only when every check is. */
export interface ReadinessReport {
  readonly ready: boolean;
  /** Each check's name → `ready`, or why not. */
  readonly checks: Readonly<Record<string, string>>;
  /** The names of the checks that are not ready. */
  readonly notReady: readonly string[];
}

/** The report of the checks' results, in the order given. */
export function readinessReport(results: readonly (readonly [name: string, failure: string | undefined])[]): ReadinessReport {
  const notReady = results.filter(([, failure]) => failure !== undefined).map(([name]) => name);
  return { ready: notReady.length === 0, checks: Object.fromEntries(results.map(([name, failure]) => [name, failure ?? 'ready'])), notReady };
}

/** Runs every check at once; a check that throws counts as not ready, with its error. */
export async function checkReadiness(checks: readonly ReadinessCheck[]): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      const failure = await check().catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
      return [name, failure] as const;
    }),
  );
  return readinessReport(results);
}
