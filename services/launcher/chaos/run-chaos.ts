/**
 * `npm run test:chaos`: surge and chaos under load on the local cluster, every service a process of
 * its own on a Postgres, a Redis and a Kafka broker this run starts and owns (never the shared ones).
 *
 *  1. Surge: the board's mix (60% ListFeatureRequests, 15% GetFeatureRequest, 10% GetTally, 5%
 *     FindSimilarRequests, 8% CastVote by distinct people, 2% SubmitFeatureRequest) through the
 *     gateway, open loop, at FRM_CHAOS_RATE (20/s) for 30 s and then ten times that for 60 s, while
 *     one account and one address go over the gateway's per-user and per-IP limits.
 *  2. Chaos: under votes and reads, kill -9 and restart each service in turn, then Kafka, then
 *     Postgres (pg_ctl restart -m immediate); the time until calls succeed again after each.
 *  3. Then: every acknowledged vote counted exactly once, every projection equal to a rebuild, every
 *     acknowledged vote and request on Kafka, nothing unexplained in the dead-letter topics.
 *
 * Progress on stderr; the figures and a closing verdict on stdout; exit code 1 on any failure.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startBoardUnderTest } from './board-under-test';
import { chaosRunSettings } from './chaos-run.settings';
import { AdminCalls } from './checks/admin-calls';
import type { CheckResult } from './checks/check-result';
import { readCacheCounts } from './checks/cache-hit-ratio';
import type { UnexpectedExit } from './cluster/local-cluster';
import { checkDeadLetters, checkEventsOnKafka } from './checks/kafka-check';
import { quietKafka } from './checks/kafka-topics';
import { verifyProjections, waitUntilCaughtUp } from './checks/projection-check';
import { checkVoteCounts } from './checks/vote-count-check';
import { CleanupOnExit } from './cleanup-on-exit';
import { runChaos, type ChaosOutcome } from './faults/chaos-phase';
import { recoveryProbes } from './faults/recovery-probes';
import { RunLog } from './run-log';
import { runSurge } from './surge';
import { checkSurge, figuresText, onlyLatencyFailed } from './surge-check';

async function main(): Promise<boolean> {
  const log = new RunLog('chaos');
  const cleanup = new CleanupOnExit(log.line);
  const settings = chaosRunSettings();
  const checks: CheckResult[] = [];
  let failed = true;
  try {
    log.enter('starting the local cluster on its own Postgres, Redis and Kafka');
    const board = await startBoardUnderTest(settings, log.line, (cluster) => cleanup.watch(cluster));
    const admin = await AdminCalls.sign(board.cluster.gatewayAddress, board.cluster.jwtSecret);

    log.enter('surge');
    const surgeOnce = () => runSurge(board.traffic, board.caller, board.mint, board.requests[0] as string, { ...settings, hotClients: true, cacheCounts: () => readCacheCounts(board.cluster.cacheMetricsUrls) }, board.ownProcesses, log.line);
    let surge = checkSurge(await surgeOnce(), settings);
    if (onlyLatencyFailed(surge)) {
      // Two shared cores: another process can stall the machine for seconds, which moves a p95 by
      // seconds. The surge runs once more; a platform that cannot hold the bound fails both times.
      report({ ...surge, name: `${surge.name} (first attempt; its latency is judged again on a second run)` });
      log.enter('surge, second attempt: the first missed only its latency bound');
      const first = surge;
      surge = checkSurge(await surgeOnce(), settings);
      surge.lines.unshift(`first attempt missed: ${first.failures.join('; ')}`);
      surge.figures['firstAttempt'] = first.figures;
    }
    checks.push(surge);
    report(surge);

    log.enter(`chaos: faults under ${settings.chaosRate} calls/s of votes and reads`);
    const probes = recoveryProbes(board.caller, board.readers, board.traffic, admin, board.requests[0] as string);
    const chaos = await runChaos(board, probes, { rate: settings.chaosRate, settleSeconds: settings.settleSeconds }, log.line);
    checks.push(chaosCheck(chaos, board.cluster.unexpectedExits, board.caller.errorSamples));
    report(checks.at(-1) as CheckResult);

    log.enter('settling the votes still in doubt (retries with the same request id)');
    await board.traffic.settleVotes(60_000);
    log.enter('waiting until every projection has caught up');
    const caughtUp = await waitUntilCaughtUp(admin, 120_000);
    log.line(caughtUp.behind.length === 0 ? `every projection caught up after ${caughtUp.seconds.toFixed(1)} s` : `still behind after ${caughtUp.seconds.toFixed(0)} s: ${caughtUp.behind.join('; ')}`);

    log.enter('checking: every acknowledged vote counted exactly once');
    const votesSchema = caughtUp.projections.find((projection) => projection.name === 'votes')?.schema;
    checks.push(await checkVoteCounts(board.traffic, board.caller, board.readers, board.requests, votesSchema, board.cluster.postgres.url, 60_000));
    report(checks.at(-1) as CheckResult);

    log.enter('checking: nothing acknowledged is missing from Kafka, no dead letters');
    const kafka = quietKafka(board.cluster.kafka.brokers);
    const voteIds = board.traffic.ledger.acknowledged().map((vote) => vote.voteId as string);
    checks.push(await checkEventsOnKafka(kafka, voteIds, [...board.requests, ...board.traffic.submitted], 90_000));
    report(checks.at(-1) as CheckResult);
    checks.push(await checkDeadLetters(kafka));
    report(checks.at(-1) as CheckResult);

    log.enter('checking: every projection equals a rebuild from its events');
    const names = caughtUp.projections.map((projection) => projection.name);
    const verified = await verifyProjections(admin, names);
    if (caughtUp.behind.length > 0) verified.failures.push(`projections never caught up: ${caughtUp.behind.join('; ')}`);
    checks.push(verified);
    report(verified);

    await Promise.all([admin.close(), board.caller.close()]);
    failed = checks.some((check) => check.failures.length > 0);
    // The evidence of a failed run, beside the service logs it keeps: every CastVote and what came of it.
    if (failed) await writeFile(join(board.cluster.logDir, 'votes.jsonl'), board.traffic.ledger.all.map(({ headers: _headers, ...vote }) => JSON.stringify(vote)).join('\n'));
    return !failed;
  } catch (error) {
    log.line(`test:chaos could not run to its end: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return false;
  } finally {
    log.enter('stopping every process this run started');
    await cleanup.stop(failed, log.line);
    verdict(checks, log.elapsedSeconds());
    log.close();
  }
}

function chaosCheck(chaos: ChaosOutcome, unexpectedExits: readonly UnexpectedExit[], errorSamples: ReadonlyMap<string, string>): CheckResult {
  const check: CheckResult = { name: 'chaos: recovery after each fault', lines: [], failures: [], figures: { faults: chaos.faults, load: chaos.load } };
  check.lines.push(`load over the whole chaos phase: ${figuresText(chaos.load)}`);
  for (const fault of chaos.faults) {
    const recovery = fault.recoverySeconds === undefined ? 'NEVER' : `${fault.recoverySeconds.toFixed(1)} s`;
    const relay = 'relayRecoverySeconds' in fault ? `, relay publishing again after ${fault.relayRecoverySeconds === undefined ? 'NEVER' : `${fault.relayRecoverySeconds.toFixed(1)} s`}` : '';
    check.lines.push(`${fault.fault}: restarted in ${fault.restartSeconds.toFixed(1)} s, calls succeed again after ${recovery}${relay}`);
    check.lines.push(`   calls from the fault until ${fault.calls.seconds} s later: ${figuresText(fault.calls)}`);
    if (fault.recoverySeconds === undefined) check.failures.push(`after "${fault.fault}" calls through the gateway never succeeded again`);
    if ('relayRecoverySeconds' in fault && fault.relayRecoverySeconds === undefined) check.failures.push(`after "${fault.fault}" the relay never published again`);
  }
  // A restart policy brings such a process back, and the counts above still hold; but a process
  // that dies because a dependency restarted is a defect (and takes `npm start`'s whole platform down).
  for (const exit of unexpectedExits) {
    check.failures.push(`${exit.service} died on its own (${exit.exit}) and had to be started again: ${exit.lastWords || 'it wrote nothing outside its log'}`);
  }
  check.figures['unexpectedExits'] = unexpectedExits;
  if (errorSamples.size > 0) check.lines.push('what failing calls said (the first of each code and RPC, over the whole run):');
  for (const [codeAndRpc, details] of errorSamples) check.lines.push(`   ${codeAndRpc}: ${details}`);
  check.figures['errorSamples'] = Object.fromEntries(errorSamples);
  return check;
}

function report(check: CheckResult): void {
  const lines = [`## ${check.name}`, ...check.lines.map((line) => `   ${line}`), ...check.failures.map((failure) => `   FAILED: ${failure}`)];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function verdict(checks: readonly CheckResult[], seconds: number): void {
  const failures = checks.flatMap((check) => check.failures.map((failure) => `${check.name}: ${failure}`));
  process.stdout.write(`${JSON.stringify({ metric: 'chaos.summary', seconds: Math.round(seconds), checks: checks.map((check) => ({ name: check.name, failures: check.failures, figures: check.figures })) })}\n`);
  if (failures.length === 0 && checks.length > 0) {
    process.stdout.write(`test:chaos passed: ${checks.length} checks in ${seconds.toFixed(0)} s\n`);
  } else {
    process.stdout.write(`test:chaos FAILED after ${seconds.toFixed(0)} s${failures.length ? `:\n${failures.map((failure) => `  - ${failure}`).join('\n')}` : ' (see the log above)'}\n`);
  }
}

void main().then(async (passed) => {
  await sleep(10);
  process.exit(passed ? 0 : 1);
});
