/** The knobs of test:chaos and bench:surge, from FRM_CHAOS_* variables (defaults fit 2 cores). */
export interface ChaosRunSettings {
  /** The normal rate of the board's mix, calls per second. */
  readonly rate: number;
  readonly normalSeconds: number;
  readonly multiplier: number;
  readonly surgeSeconds: number;
  /** Feature requests seeded before the load. */
  readonly requests: number;
  /** The load while faults are injected, calls per second. */
  readonly chaosRate: number;
  /** Steady load between two faults, after the platform answers again. */
  readonly settleSeconds: number;
  readonly limits: { readonly perIp: number; readonly perUser: number };
  /** The p95 at the normal rate must stay under this. */
  readonly normalP95Ms: number;
  /** The p95 during the surge must stay under this. */
  readonly surgeP95Ms: number;
}

export function chaosRunSettings(env: NodeJS.ProcessEnv = process.env): ChaosRunSettings {
  const number = (name: string, fallback: number) => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number, got "${value}"`);
    return parsed;
  };
  return {
    rate: number('FRM_CHAOS_RATE', 20),
    normalSeconds: number('FRM_CHAOS_NORMAL_SECONDS', 30),
    multiplier: number('FRM_CHAOS_MULTIPLIER', 10),
    surgeSeconds: number('FRM_CHAOS_SURGE_SECONDS', 60),
    requests: number('FRM_CHAOS_REQUESTS', 150),
    chaosRate: number('FRM_CHAOS_FAULT_RATE', 20),
    settleSeconds: number('FRM_CHAOS_SETTLE_SECONDS', 5),
    limits: { perIp: number('FRM_CHAOS_LIMIT_PER_IP', 60), perUser: number('FRM_CHAOS_LIMIT_PER_USER', 120) },
    normalP95Ms: number('FRM_CHAOS_NORMAL_P95_MS', 500),
    surgeP95Ms: number('FRM_CHAOS_SURGE_P95_MS', 500),
  };
}
