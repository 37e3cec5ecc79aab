import { writeFileSync } from 'node:fs';
import { hitRatios, type CacheCounts, type CacheFigures } from './checks/cache-hit-ratio';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TokenMint } from './load/board-identities';
import { BOARD_MIX, type BoardTraffic } from './load/board-traffic';
import type { GrpcWebCaller } from './load/grpc-web-caller';
import { HotClients, type HotClientOutcome } from './load/hot-clients';
import { LoadRecorder, type LoadFigures } from './load/load-recorder';
import { MachineShare } from './load/machine-share';
import { PacedLoad } from './load/paced-load';

export interface SurgeOptions {
  readonly rate: number;
  readonly normalSeconds: number;
  readonly multiplier: number;
  readonly surgeSeconds: number;
  readonly limits: { readonly perIp: number; readonly perUser: number };
  /** Run the two clients that go over the gateway's limits (the test does; the benchmark does not). */
  readonly hotClients: boolean;
  /** Reads the services' cache counters, for the hit ratio of each cache during the surge. */
  readonly cacheCounts?: () => Promise<ReadonlyMap<string, CacheCounts>>;
}

export interface SurgeOutcome {
  readonly normal: LoadFigures;
  readonly surge: LoadFigures;
  /** The surge without its first 10 s, once the platform has settled at the higher rate. */
  readonly surgeSettled: LoadFigures;
  /** p95 (ms) of the calls due in each of the surge's first 10 s: how long the step to the higher rate took to absorb. */
  readonly firstSecondsP95Ms: readonly number[];
  readonly hotClients: readonly HotClientOutcome[];
  /** The share of the machine's CPU that processes other than the run's used, in each phase. */
  readonly foreignCpu: { readonly normal: number | undefined; readonly surge: number | undefined };
  /** Reads and hit ratio of each cache during the surge (target above 0.8). */
  readonly cacheHitRatios?: Record<string, CacheFigures>;
}

/**
 * The board's mix, open loop, at the normal rate and then at `multiplier` times it, while two hot
 * clients run into the gateway's per-user and per-IP limits.
 */
export async function runSurge(
  traffic: BoardTraffic,
  caller: GrpcWebCaller,
  mint: TokenMint,
  hotRequestId: string,
  options: SurgeOptions,
  ownProcesses: () => readonly number[],
  log: (line: string) => void,
): Promise<SurgeOutcome> {
  const recorder = new LoadRecorder();
  const surgeRate = options.rate * options.multiplier;
  log(`surge: the board's mix (${mixText()}) at ${options.rate}/s for ${options.normalSeconds} s, then ${surgeRate}/s for ${options.surgeSeconds} s`);
  const load = new PacedLoad({ rate: options.rate, label: `normal ${options.rate}/s`, recorder, log, call: (i) => traffic.call(i, BOARD_MIX) });
  const normalStart = performance.now();
  const normalShare = MachineShare.start(ownProcesses);
  await sleep(options.normalSeconds * 1000);
  const foreignNormal = normalShare.foreignShare();
  const surgeShare = MachineShare.start(ownProcesses);
  const cachesBefore = await options.cacheCounts?.();
  const surgeStart = performance.now();
  load.setRate(surgeRate, `surge ${surgeRate}/s`);
  const hot = options.hotClients ? await HotClients.start(caller, mint, hotRequestId, options.limits, options.surgeSeconds, log) : undefined;
  await sleep(options.surgeSeconds * 1000);
  const surgeEnd = performance.now();
  const foreignSurge = surgeShare.foreignShare();
  const cachesAfter = await options.cacheCounts?.();
  const cacheHitRatios = cachesBefore && cachesAfter ? hitRatios(cachesBefore, cachesAfter) : undefined;
  if (cacheHitRatios) log(`cache hit ratios during the surge: ${JSON.stringify(cacheHitRatios)}`);
  await load.stop();
  // Every call, for a look at the seconds that went wrong (see README.md).
  const callsFile = process.env['FRM_SURGE_CALLS_FILE'];
  if (callsFile) writeFileSync(callsFile, recorder.all().map((call) => JSON.stringify({ ...call, dueAt: call.endedAt - call.latencyMs - surgeStart })).join('\n'));
  const hotClients = (await hot?.stop()) ?? [];
  return {
    normal: recorder.figures(normalStart, surgeStart),
    surge: recorder.figures(surgeStart, surgeEnd),
    surgeSettled: recorder.figures(surgeStart + 10_000, surgeEnd),
    firstSecondsP95Ms: Array.from({ length: 10 }, (_, second) => recorder.figures(surgeStart + second * 1000, surgeStart + (second + 1) * 1000).p95Ms),
    hotClients,
    foreignCpu: { normal: foreignNormal, surge: foreignSurge },
    ...(cacheHitRatios ? { cacheHitRatios } : {}),
  };
}

function mixText(): string {
  return Object.entries(BOARD_MIX)
    .map(([operation, share]) => `${share}% ${operation}`)
    .join(', ');
}
