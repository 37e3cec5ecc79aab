import { fraudDetectionConfigFrom, type FraudDetectionConfig } from './fraud-detection.config';

/**
 * The configuration for traffic replayed `factor` times faster than it happened: every duration
 * (windows, baselines, account ages, vote-weight bands) divided by `factor`, every count, share
 * and score as it was. Durations are not rounded, so scaling back multiplies exactly.
 * @throws RangeError when `factor` is not a finite number above 0
 */
export function scaleFraudDetectionTime(config: FraudDetectionConfig, factor: number): FraudDetectionConfig {
  if (!Number.isFinite(factor) || factor <= 0) {
    throw new RangeError(`the time scale factor must be a finite number above 0, got ${String(factor)}`);
  }
  const scaled = (ms: number) => ms / factor;
  const { sharedDevice, sharedNetwork, voteRing, burst, newAccount, serialVoting, voteWeight } = config;
  return fraudDetectionConfigFrom({
    window: config.window,
    findings: config.findings,
    sharedDevice: { ...sharedDevice, windowMs: scaled(sharedDevice.windowMs) },
    sharedNetwork: { ...sharedNetwork, windowMs: scaled(sharedNetwork.windowMs) },
    voteRing: { ...voteRing, windowMs: scaled(voteRing.windowMs) },
    burst: {
      ...burst,
      windowMs: scaled(burst.windowMs),
      baselineMs: scaled(burst.baselineMs),
      youngAccountAgeMs: scaled(burst.youngAccountAgeMs),
    },
    newAccount: {
      ...newAccount,
      maxAccountAgeMs: scaled(newAccount.maxAccountAgeMs),
      waveWindowMs: scaled(newAccount.waveWindowMs),
    },
    serialVoting: { ...serialVoting, windowMs: scaled(serialVoting.windowMs) },
    voteWeight: {
      ...voteWeight,
      bands: voteWeight.bands.map((band) => ({ ...band, maxAccountAgeMs: scaled(band.maxAccountAgeMs) })),
    },
  });
}
