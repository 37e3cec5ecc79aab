/**
 * `npm run simulate:votes`: the fraud detectors on the real vote path. Seeded, labelled traffic
 * (`generateTraffic`: organic voters with their hard cases, and every attack) is replayed through
 * the gRPC-web gateway into intake and voting running in this process on a fresh Postgres
 * database, FRM_SIMULATE_SCALE times faster than it happened, with the detectors' durations and
 * the velocity limits scaled to match. Once the flags settle, each attack's recall, the organic
 * false positives and the detection delay are printed beside `evaluateDetectors` on the same
 * traffic offline: a table on stderr, one JSON line per metric on stdout. Exits 1 when a target
 * is missed, 130 on Ctrl+C (after cleaning up; a second Ctrl+C leaves the database behind).
 *
 * Settings (environment): FRM_SIMULATE_SEED (1), FRM_SIMULATE_VOTERS (3000), FRM_SIMULATE_SCALE
 * (120), FRM_SIMULATE_CONCURRENCY (64), FRM_SIMULATE_DATABASE_URL (the local Postgres server).
 */
import { InvalidSettingsError, loadSettings } from '@frm/config';
import { runVoteSimulation } from './run-vote-simulation';
import { formatSimulation, missedTargets, reportSimulation } from './simulation-report';
import { simulationSettings } from './simulation.settings';

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  const settings = loadSettings(simulationSettings);
  const interrupted = new AbortController();
  process.once('SIGINT', () => {
    log('interrupted: stopping the services and dropping the database (Ctrl+C again to leave them)');
    interrupted.abort();
  });
  const outcome = await runVoteSimulation({
    seed: settings.FRM_SIMULATE_SEED,
    voters: settings.FRM_SIMULATE_VOTERS,
    scale: settings.FRM_SIMULATE_SCALE,
    concurrency: settings.FRM_SIMULATE_CONCURRENCY,
    serverUrl: settings.FRM_SIMULATE_DATABASE_URL,
    signal: interrupted.signal,
  });
  log(formatSimulation(outcome));
  reportSimulation(outcome);
  const missed = missedTargets(outcome);
  for (const line of missed) log(`target missed: ${line}`);
  return missed.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const aborted = error instanceof Error && error.name === 'AbortError';
    const reason = error instanceof InvalidSettingsError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(aborted ? 'simulate:votes interrupted' : `simulate:votes failed: ${reason}`);
    process.exitCode = aborted ? 130 : 1;
  },
);
