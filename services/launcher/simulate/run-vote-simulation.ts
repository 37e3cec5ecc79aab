import { randomUUID } from 'node:crypto';
import { startProgress, type Progress } from '@frm/bench';
import { evaluateDetectors, generateTraffic, type DetectorEvaluation } from '@frm/fraud-detection';
import { signAccessToken } from '@frm/gateway';
import { waitForSettledFlags } from './collect-flags';
import { gatewayClients } from './gateway-clients';
import { replayVotes } from './replay-votes';
import { scoreSimulation, type SimulationScore } from './score-simulation';
import { ServiceLog } from './service-log';
import { headersOfVoters } from './simulated-accounts';
import { startSimulatedPlatform } from './simulated-platform';
import { SimulationClock } from './simulation-clock';
import { submitBoard, waitUntilVotingKnows } from './submit-board';

export interface VoteSimulationOptions {
  readonly seed: number;
  readonly voters: number;
  readonly scale: number;
  readonly concurrency: number;
  /** A Postgres server to create the simulation's database in. */
  readonly serverUrl: string;
  /** Stops the run (Ctrl+C); everything started is still cleaned up. */
  readonly signal?: AbortSignal;
  /** Where phase lines and progress go (stderr by default); `false` for none. */
  readonly log?: ((line: string) => void) | false;
  /** Two reads of the flagged votes this far apart must agree (default 3 s). */
  readonly settleQuietMs?: number;
  /** Gives up waiting for the flags to settle after this long (default 2 min). */
  readonly settleTimeoutMs?: number;
}

export interface VoteSimulationOutcome {
  readonly seed: number;
  readonly voters: number;
  readonly scale: number;
  readonly concurrency: number;
  readonly votes: number;
  readonly requests: number;
  /** The same traffic through `evaluateDetectors`, offline, with the unscaled default configuration. */
  readonly offline: DetectorEvaluation;
  /** The replay through the gateway. */
  readonly real: SimulationScore;
  readonly flagsSettled: boolean;
  readonly settleMs: number;
  /** What the services logged (warnings and worse). */
  readonly serviceLog: { levels: Record<string, number>; firstLines: readonly string[] };
}

/** The simulation clock starts this long after set-up, so that signing the tokens does not make the first votes late. */
const LEAD_MS = 2_000;

/**
 * Generates labelled traffic, replays it through the gateway into the running platform on a
 * compressed clock, waits for the asynchronous detector to settle, and scores the flags against
 * the labels, beside `evaluateDetectors` on the same traffic offline.
 */
export async function runVoteSimulation(options: VoteSimulationOptions): Promise<VoteSimulationOutcome> {
  const signal = options.signal ?? new AbortController().signal;
  const log = options.log === false ? () => undefined : (options.log ?? ((line: string) => process.stderr.write(`${line}\n`)));
  const progress = (label: string, total: number): Progress =>
    options.log === false ? { increment: () => undefined, update: () => undefined, stop: () => undefined } : startProgress(label, total);

  const traffic = generateTraffic({ seed: options.seed, voters: options.voters });
  const offline = evaluateDetectors(traffic);
  const replaySeconds = traffic.durationMs / options.scale / 1000;
  log(
    `traffic (seed ${traffic.seed}): ${traffic.votes.length} votes by ${traffic.voters.length} accounts on ${traffic.requests.length} requests ` +
      `over ${traffic.durationMs / 3_600_000} h, replayed ${options.scale}× faster (${replaySeconds.toFixed(0)} s)`,
  );

  const serviceLog = new ServiceLog(log);
  const platform = await startSimulatedPlatform({ serverUrl: options.serverUrl, scale: options.scale, log: serviceLog });
  try {
    log(`database ${platform.databaseName}; intake, voting and the gateway on ${platform.gatewayAddress}`);
    const clients = gatewayClients(platform.gatewayAddress);
    const expiresInSeconds = Math.ceil(replaySeconds) + 3_600;
    const staffToken = await signAccessToken({ sub: randomUUID(), roles: ['product'], expiresInSeconds }, platform.tokenSecret);

    const submitting = progress('submitting requests', traffic.requests.length);
    const requestIds = await submitBoard(clients, traffic, platform.tokenSecret, submitting, signal).finally(() => submitting.stop());
    await waitUntilVotingKnows(clients, [...requestIds.values()], staffToken, signal);

    const clock = new SimulationClock(traffic.startAt, Date.now() + LEAD_MS, options.scale);
    const voterHeaders = await headersOfVoters(traffic, clock, platform.tokenSecret, expiresInSeconds);
    const replaying = progress('replaying votes', traffic.votes.length);
    const casts = await replayVotes(clients, traffic, {
      clock,
      concurrency: options.concurrency,
      requestIds,
      voterHeaders,
      progress: replaying,
      signal,
    }).finally(() => replaying.stop());

    log('waiting for the flags to settle');
    const settled = await waitForSettledFlags(clients, staffToken, {
      quietMs: options.settleQuietMs ?? 3_000,
      timeoutMs: options.settleTimeoutMs ?? 120_000,
      signal,
      onRead: (count) => log(`  ${count} votes flagged`),
    });
    return {
      seed: traffic.seed,
      voters: options.voters,
      scale: options.scale,
      concurrency: options.concurrency,
      votes: traffic.votes.length,
      requests: traffic.requests.length,
      offline,
      real: scoreSimulation(casts, settled.flags),
      flagsSettled: settled.settled,
      settleMs: settled.waitedMs,
      serviceLog: { levels: serviceLog.levels, firstLines: serviceLog.firstLines },
    };
  } finally {
    await platform.close().catch((error: unknown) => log(`cleaning up ${platform.databaseName} failed: ${String(error)}`));
  }
}
