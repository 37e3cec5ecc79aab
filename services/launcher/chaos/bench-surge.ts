/**
 * `npm run bench:surge`: the surge of test:chaos alone, as a benchmark. The local cluster (every
 * service its own process, its own Postgres, Redis and Kafka), the board's mix through the gateway
 * at FRM_CHAOS_RATE (20/s) for 30 s, then ten times that for 60 s, open loop; then the most it
 * answers with FRM_CHAOS_BENCH_CONCURRENCY (32) callers in a closed loop. The gateway's rate limits
 * are the defaults (100/min per address, 500/min per user), which the load's many callers stay under.
 *
 * Baseline, same run, same database: the same mix as raw SQL through `pg` (RawSqlBoard) with a pool
 * of the same concurrency, at the same open-loop rate and in the same closed loop.
 * JSON lines on stdout (ratio: value/baseline for rates, baseline/value for latencies), beside the
 * seed's figures (1,847 requests/s sustained, p95 285 ms, measured on a cluster, not on 2 cores).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { reportResult } from '@frm/bench';
import { RawSqlBoard } from './bench/raw-sql-board';
import { startBoardUnderTest } from './board-under-test';
import { readCacheCounts } from './checks/cache-hit-ratio';
import { chaosRunSettings } from './chaos-run.settings';
import { CleanupOnExit } from './cleanup-on-exit';
import { BOARD_MIX } from './load/board-traffic';
import { runClosedLoop } from './load/closed-loop';
import { LoadRecorder, type LoadFigures } from './load/load-recorder';
import { PacedLoad } from './load/paced-load';
import { RunLog } from './run-log';
import { runSurge } from './surge';
import { figuresText } from './surge-check';

const SEED = { requestsPerSecond: 1_847, p95Ms: 285, measuredOn: 'the seed platform on a cluster (not comparable with 2 cores; printed for reference)' };
const CONCURRENCY = Number(process.env['FRM_CHAOS_BENCH_CONCURRENCY'] ?? 32);
const BASELINE_SECONDS = Number(process.env['FRM_CHAOS_BASELINE_SECONDS'] ?? 30);
const MAX_SECONDS = Number(process.env['FRM_CHAOS_MAX_SECONDS'] ?? 20);

async function main(): Promise<boolean> {
  const log = new RunLog('surge');
  const cleanup = new CleanupOnExit(log.line);
  const settings = { ...chaosRunSettings(), limits: { perIp: Number(process.env['FRM_CHAOS_LIMIT_PER_IP'] ?? 100), perUser: Number(process.env['FRM_CHAOS_LIMIT_PER_USER'] ?? 500) } };
  const surgeRate = settings.rate * settings.multiplier;
  let failed = true;
  let raw: RawSqlBoard | undefined;
  try {
    log.enter('starting the local cluster on its own Postgres, Redis and Kafka');
    const board = await startBoardUnderTest(settings, log.line, (cluster) => cleanup.watch(cluster));

    log.enter(`the platform: ${settings.rate}/s, then ${surgeRate}/s, through the gateway`);
    const surge = await runSurge(board.traffic, board.caller, board.mint, board.requests[0] as string, { ...settings, hotClients: false, cacheCounts: () => readCacheCounts(board.cluster.cacheMetricsUrls) }, board.ownProcesses, log.line);
    log.line(`normal: ${figuresText(surge.normal)}`);
    log.line(`surge:  ${figuresText(surge.surge)}`);
    log.enter(`the platform: the most it answers with ${CONCURRENCY} callers (closed loop, ${MAX_SECONDS} s)`);
    const platformMax = await runClosedLoop(CONCURRENCY, MAX_SECONDS, (i) => board.traffic.call(i, BOARD_MIX), 'platform', log.line);

    log.enter('baseline: the same mix as raw SQL through pg, same database');
    raw = await RawSqlBoard.create(board.cluster.postgres.url, CONCURRENCY, board.requests.length + board.traffic.submitted.length);
    const rawRecorder = new LoadRecorder();
    const rawLoad = new PacedLoad({ rate: surgeRate, label: `raw SQL ${surgeRate}/s`, recorder: rawRecorder, log: log.line, call: (i) => (raw as RawSqlBoard).call(i, BOARD_MIX) });
    const rawStarted = performance.now();
    await sleep(BASELINE_SECONDS * 1000);
    const rawEnded = performance.now();
    await rawLoad.stop();
    const baselineSurge = rawRecorder.figures(rawStarted, rawEnded);
    const baselineMax = await runClosedLoop(CONCURRENCY, MAX_SECONDS, (i) => (raw as RawSqlBoard).call(i, BOARD_MIX), 'raw SQL', log.line);

    const common = {
      mix: BOARD_MIX,
      transport: 'gRPC-web (binary frames, keep-alive HTTP/1.1, a lean client) through the gateway',
      processes: 'compliance, intake, voting, triage, notifications, dr-orchestrator and gateway as separate processes; own Postgres (fsync=on), Redis and Kafka',
      baseline_is: 'the same mix as raw SQL through pg against the same database: single SELECTs, a durable INSERT+UPDATE per vote, an INSERT per submission',
      seed: SEED,
    };
    const paced = (figures: LoadFigures) => ({ p50Ms: figures.p50Ms, p95Ms: figures.p95Ms, p99Ms: figures.p99Ms, maxMs: figures.maxMs, codes: figures.codes });
    reportResult(
      `surge.at_${surgeRate}rps.sustained`,
      { value: surge.surge.okPerSecond, unit: 'requests/s', baseline: baselineSurge.okPerSecond },
      {
        ...common,
        ratioIs: 'value/baseline',
        pacing: `open loop at ${surgeRate}/s (${settings.multiplier}× the normal ${settings.rate}/s) for ${settings.surgeSeconds} s; latency from when each call was due`,
        offeredPerSecond: surgeRate,
        sustained: surge.surge.okPerSecond >= surgeRate * 0.95,
        foreignCpuShare: surge.foreignCpu,
        cacheHitRatios: surge.cacheHitRatios,
        ...paced(surge.surge),
        normal: { rate: settings.rate, okPerSecond: surge.normal.okPerSecond, ...paced(surge.normal) },
        baselineRun: { seconds: BASELINE_SECONDS, ...paced(baselineSurge) },
      },
    );
    reportResult(
      `surge.at_${surgeRate}rps.p95`,
      { value: surge.surge.p95Ms, unit: 'ms', baseline: baselineSurge.p95Ms, higherIsBetter: false },
      { ...common, ratioIs: 'baseline/value', p50Ms: surge.surge.p50Ms, p99Ms: surge.surge.p99Ms, baselineP50Ms: baselineSurge.p50Ms, baselineP99Ms: baselineSurge.p99Ms, seedP95Ms: SEED.p95Ms },
    );
    reportResult(
      'surge.max_throughput',
      { value: platformMax.okPerSecond, unit: 'requests/s', baseline: baselineMax.okPerSecond },
      {
        ...common,
        ratioIs: 'value/baseline',
        concurrency: CONCURRENCY,
        seconds: MAX_SECONDS,
        ...paced(platformMax),
        baselineRun: paced(baselineMax),
        tenTimesNormalIsWithinReach: platformMax.okPerSecond >= surgeRate,
        seedRequestsPerSecond: SEED.requestsPerSecond,
      },
    );
    failed = false;
    return true;
  } catch (error) {
    log.line(`bench:surge failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return false;
  } finally {
    await raw?.drop();
    log.enter('stopping every process this run started');
    await cleanup.stop(failed, log.line);
    log.close();
  }
}

void main().then(async (passed) => {
  await sleep(10);
  process.exit(passed ? 0 : 1);
});
