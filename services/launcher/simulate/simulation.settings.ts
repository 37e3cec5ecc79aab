import { defineSettings, positiveInt, url } from '@frm/config';

/** What `npm run simulate:votes` reads from the environment. */
export const simulationSettings = defineSettings({
  FRM_SIMULATE_SEED: positiveInt().default(1).describe('seed of the generated traffic: the same seed, the same traffic'),
  FRM_SIMULATE_VOTERS: positiveInt(1_000_000, '3000').default(3_000).describe('organic voters of the generated traffic'),
  // 6 simulated hours in 3 minutes, ~95 votes/s on average and ~165/s at the busiest minute for 3,000 voters.
  FRM_SIMULATE_SCALE: positiveInt(100_000, '120').default(120).describe('how many times faster than the traffic the replay runs'),
  FRM_SIMULATE_CONCURRENCY: positiveInt(10_000, '64').default(64).describe('CastVote calls in flight at most'),
  FRM_SIMULATE_DATABASE_URL: url(['postgres', 'postgresql'], 'postgres://postgres@127.0.0.1:5432/postgres')
    .default('postgres://postgres@127.0.0.1:5432/postgres')
    .describe('a Postgres server; the simulation creates a database there and drops it at the end'),
});
