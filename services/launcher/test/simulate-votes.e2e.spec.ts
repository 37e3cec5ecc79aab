import { defaultTestDatabaseUrl } from '@frm/testing';
import { runVoteSimulation } from '../simulate/run-vote-simulation';
import { missedTargets } from '../simulate/simulation-report';

describe('npm run simulate:votes, small: the fraud detectors on the real vote path', () => {
  it('flags the attacks replayed through the gateway as offline, within the targets', async () => {
    const outcome = await runVoteSimulation({
      // At 300 voters seed 1's office campaign hides among the small board's networks even offline.
      seed: 2,
      voters: 300,
      // 6 simulated hours in 60 s: at 720× a second of lag on a busy machine is 12 simulated minutes,
      // enough to spread a burst out of sight of its detector (seen once in CI: burst recall 91%).
      scale: 360,
      concurrency: 64,
      serverUrl: process.env['FRM_TEST_DATABASE_URL'] ?? defaultTestDatabaseUrl,
      log: false,
    });

    expect(missedTargets(outcome)).toEqual([]);
    expect(outcome.real.errorsByCode).toEqual({});
    expect(outcome.real.unknownFlags).toBe(0);
  }, 180_000);
});
