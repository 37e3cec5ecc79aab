import type { DetectionRate, DetectorEvaluation } from './evaluate';
import { ATTACK_KINDS } from './simulated-traffic';

/** The evaluations side by side: recall per attack, organic false positives, their sources, and speed. */
export function formatEvaluations(evaluations: readonly DetectorEvaluation[]): string {
  const each = (cell: (evaluation: DetectorEvaluation) => string) => evaluations.map(cell);
  const rows: string[][] = [
    ['', ...each((evaluation) => `seed ${evaluation.seed}`)],
    ...ATTACK_KINDS.map((kind) => [`recall ${kind}`, ...each((evaluation) => percent(evaluation.attacks[kind]))]),
    ['organic false positives', ...each((evaluation) => percent(evaluation.organic))],
    ['organic flagged by', ...each(flagSources)],
    ['evaluations/s', ...each((evaluation) => Math.round(evaluation.evaluationsPerSecond).toLocaleString('en'))],
  ];
  const widths = (rows[0] as string[]).map((_, column) => Math.max(...rows.map((row) => (row[column] as string).length)));
  return rows
    .map((row) => row.map((cell, column) => cell.padEnd(widths[column] as number)).join('   ').trimEnd())
    .join('\n');
}

function percent(rate: DetectionRate): string {
  return `${(rate.rate * 100).toFixed(1)}% (${rate.flagged}/${rate.votes})`;
}

function flagSources(evaluation: DetectorEvaluation): string {
  const sources = Object.entries(evaluation.organicFlagsByKind).map(([kind, count]) => `${kind} ${count}`);
  return sources.join(', ') || 'none';
}
