import { reportResult } from '@frm/bench';
import { ATTACK_KINDS, type DetectionRate, type FraudSignalKind } from '@frm/fraud-detection';
import type { VoteSimulationOutcome } from './run-vote-simulation';
import type { DelaySummary, ScreeningRate } from './score-simulation';

/** What the detectors must achieve on the real path, as they do offline (see FraudDetectionConfig). */
export const SIMULATION_TARGETS = { minRecall: 0.95, maxOrganicFalsePositives: 0.01, maxDelayP99Ms: 5_000 } as const;

const OFFLINE_IS = 'evaluateDetectors on the same traffic offline (default configuration, simulated time)';

/** The targets the run missed, one sentence each; empty when it met them all. */
export function missedTargets(outcome: VoteSimulationOutcome): string[] {
  const { real } = outcome;
  const missed: string[] = [];
  for (const kind of ATTACK_KINDS) {
    const recall = real.attacks[kind];
    if (!(recall.rate >= SIMULATION_TARGETS.minRecall)) missed.push(`recall of ${kind} ${percent(recall)} is below ${SIMULATION_TARGETS.minRecall * 100}%`);
    const delay = real.delays[kind];
    if (!(delay.p99Ms <= SIMULATION_TARGETS.maxDelayP99Ms)) missed.push(`detection delay p99 of ${kind} is ${ms(delay.p99Ms)}, above ${ms(SIMULATION_TARGETS.maxDelayP99Ms)}`);
  }
  if (!(real.organic.rate <= SIMULATION_TARGETS.maxOrganicFalsePositives)) {
    missed.push(`organic false positives ${percent(real.organic)} are above ${SIMULATION_TARGETS.maxOrganicFalsePositives * 100}%`);
  }
  if (!outcome.flagsSettled) missed.push(`the flags were still changing after ${ms(outcome.settleMs)}`);
  return missed;
}

/** The real path beside the offline evaluation, as a table for people. */
export function formatSimulation(outcome: VoteSimulationOutcome): string {
  const { real, offline } = outcome;
  const rows: string[][] = [
    ['', 'through the gateway', 'offline', 'target'],
    ...ATTACK_KINDS.map((kind) => [`recall ${kind}`, screened(real.attacks[kind]), percent(offline.attacks[kind]), `≥ ${SIMULATION_TARGETS.minRecall * 100}%`]),
    ['organic false positives', screened(real.organic), percent(offline.organic), `≤ ${SIMULATION_TARGETS.maxOrganicFalsePositives * 100}%`],
    ['organic flagged by', sources(real.organicFlagsByKind), sources(offline.organicFlagsByKind), ''],
    ...ATTACK_KINDS.map((kind) => [`detection delay ${kind}`, delay(real.delays[kind]), '', `p99 ≤ ${ms(SIMULATION_TARGETS.maxDelayP99Ms)}`]),
    ['detection delay, every flag', delay(real.delays.all), '', ''],
    ['votes/s', `${real.votesPerSecond.toFixed(1)} cast (${real.offeredPerSecond.toFixed(1)} offered)`, `${Math.round(offline.evaluationsPerSecond).toLocaleString('en')} evaluated`, ''],
    ['CastVote latency', `p50 ${ms(real.castLatency.p50Ms)}, p99 ${ms(real.castLatency.p99Ms)}`, '', ''],
    ['sent after due', `p50 ${ms(real.lateness.p50Ms)}, p99 ${ms(real.lateness.p99Ms)}, max ${ms(real.lateness.maxMs)}`, '', ''],
    ['errors by gRPC code', errors(real.errorsByCode), '', ''],
    ['flags settled', `${outcome.flagsSettled ? 'after' : 'NOT within'} ${ms(outcome.settleMs)}${real.unknownFlags > 0 ? `; ${real.unknownFlags} flags on unknown votes` : ''}`, '', ''],
    ['services logged', errors(outcome.serviceLog.levels), '', ''],
  ];
  const widths = (rows[0] as string[]).map((_, column) => Math.max(...rows.map((row) => (row[column] as string).length)));
  const header = `seed ${outcome.seed}, ${outcome.votes} votes by ${outcome.voters} organic voters and the attacks, ×${outcome.scale}, ${outcome.concurrency} in flight at most`;
  const table = rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] as number)).join('   ').trimEnd());
  return [header, ...table].join('\n');
}

/** One JSON line per metric on stdout (libs/bench's shape): the real path's value against the offline baseline. */
export function reportSimulation(outcome: VoteSimulationOutcome): void {
  const { real, offline } = outcome;
  const run = { seed: outcome.seed, voters: outcome.voters, votes: outcome.votes, scale: outcome.scale, concurrency: outcome.concurrency };
  for (const kind of ATTACK_KINDS) {
    const recall = real.attacks[kind];
    reportResult(
      `simulate.votes.recall.${kind}`,
      { value: recall.rate * 100, unit: '%', baseline: offline.attacks[kind].rate * 100 },
      { ...run, ratioIs: 'value/baseline', baseline_is: OFFLINE_IS, ...counts(recall), ...targetOf(recall.rate >= SIMULATION_TARGETS.minRecall, SIMULATION_TARGETS.minRecall * 100, 'value >= target (%)') },
    );
  }
  reportResult(
    'simulate.votes.organic_false_positives',
    { value: real.organic.rate * 100, unit: '%', baseline: offline.organic.rate * 100, higherIsBetter: false },
    {
      ...run,
      ratioIs: 'baseline/value',
      baseline_is: OFFLINE_IS,
      ...counts(real.organic),
      flaggedBy: real.organicFlagsByKind,
      offlineFlaggedBy: offline.organicFlagsByKind,
      ...targetOf(real.organic.rate <= SIMULATION_TARGETS.maxOrganicFalsePositives, SIMULATION_TARGETS.maxOrganicFalsePositives * 100, 'value <= target (%)'),
    },
  );
  for (const kind of [...ATTACK_KINDS, 'all' as const]) {
    const delay = real.delays[kind];
    reportResult(
      `simulate.votes.detection_delay.${kind}.p99`,
      { value: delay.p99Ms, unit: 'ms', baseline: real.castLatency.p99Ms, higherIsBetter: false },
      {
        ...run,
        ratioIs: 'baseline/value',
        baseline_is: 'CastVote p99 through the gateway in the same run',
        measuredFrom: 'the latest vote acknowledged before the flag',
        flags: delay.count,
        p50Ms: round(delay.p50Ms),
        maxMs: round(delay.maxMs),
        ...(kind === 'all' ? {} : targetOf(delay.p99Ms <= SIMULATION_TARGETS.maxDelayP99Ms, SIMULATION_TARGETS.maxDelayP99Ms, 'value <= target (ms)')),
      },
    );
  }
  reportResult(
    'simulate.votes.rate',
    { value: real.votesPerSecond, unit: 'votes/s', baseline: real.offeredPerSecond },
    { ...run, ratioIs: 'value/baseline', baseline_is: 'votes offered per second on the simulation clock', castLatency: real.castLatency, sentAfterDue: real.lateness },
  );
  const refused = real.errorsByCode['ResourceExhausted'] ?? 0;
  reportResult(
    'simulate.votes.refused',
    { value: refused, unit: 'votes', baseline: real.calls, higherIsBetter: true },
    { ...run, ratioIs: 'value/baseline: the share of CastVote calls refused by the velocity limits (scaled by the time scale)' },
  );
  const failed = real.calls - real.cast - refused;
  reportResult(
    'simulate.votes.errors',
    { value: failed, unit: 'votes', baseline: real.calls, higherIsBetter: true },
    { ...run, ratioIs: 'value/baseline: the share of CastVote calls that failed otherwise', errorsByCode: real.errorsByCode, servicesLogged: outcome.serviceLog.levels },
  );
}

function targetOf(meets: boolean, target: number, targetIs: string): Record<string, unknown> {
  return { target, targetIs, meetsTarget: meets };
}

function counts(rate: ScreeningRate): Record<string, number> {
  return { votes: rate.votes, caught: rate.flagged, refused: rate.refused, failed: rate.failed };
}

function percent(rate: DetectionRate): string {
  return `${(rate.rate * 100).toFixed(1)}% (${rate.flagged}/${rate.votes})`;
}

function screened(rate: ScreeningRate): string {
  const notes = [rate.refused > 0 ? `${rate.refused} refused` : '', rate.failed > 0 ? `${rate.failed} failed` : ''].filter(Boolean);
  return `${percent(rate)}${notes.length > 0 ? `, ${notes.join(', ')}` : ''}`;
}

function delay(summary: DelaySummary): string {
  return summary.count === 0 ? 'no flags' : `p50 ${ms(summary.p50Ms)}, p99 ${ms(summary.p99Ms)}, max ${ms(summary.maxMs)} (${summary.count} flags)`;
}

function sources(byKind: Partial<Record<FraudSignalKind, number>>): string {
  return Object.entries(byKind).map(([kind, count]) => `${kind} ${count}`).join(', ') || 'none';
}

function errors(byCode: Record<string, number>): string {
  return Object.entries(byCode).map(([code, count]) => `${code} ${count}`).join(', ') || 'none';
}

function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value >= 1_000 ? `${(value / 1_000).toFixed(2)} s` : `${Math.round(value)} ms`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
