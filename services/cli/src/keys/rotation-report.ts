import type { RotationResult } from '@frm/pii';

/** What one `frm keys rotate` did, in ids and counts: printed, and recorded in the audit log. */
export interface RotationReport {
  /** The master key version every re-wrapped key is now under (FRM_MASTER_KEY's). */
  readonly masterKeyVersion: string;
  /** Data keys under each other version when the run started. */
  readonly before: Readonly<Record<string, number>>;
  readonly rewrapped: number;
  /** Keys erased while the run went through them: they stay erased. */
  readonly skipped: number;
  readonly alreadyCurrent: number;
  /** Data keys under each other version when the run ended: none, unless interrupted or a service still wraps with an older key. */
  readonly remaining: Readonly<Record<string, number>>;
  readonly interrupted: boolean;
}

export function rotationReport(before: ReadonlyMap<string, number>, result: RotationResult, after: ReadonlyMap<string, number>): RotationReport {
  const others = (counts: ReadonlyMap<string, number>) =>
    Object.fromEntries([...counts].filter(([version, keys]) => version !== result.masterKeyVersion && keys > 0).sort(([a], [b]) => a.localeCompare(b)));
  return {
    masterKeyVersion: result.masterKeyVersion,
    before: others(before),
    rewrapped: result.rewrapped,
    skipped: result.skipped,
    alreadyCurrent: before.get(result.masterKeyVersion) ?? 0,
    remaining: others(after),
    interrupted: result.interrupted,
  };
}

export function keysIn(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((sum, keys) => sum + keys, 0);
}

/** Lines for people: what was re-wrapped from which versions to which, and what to do next. */
export function describeRotation(report: RotationReport): string[] {
  const from = Object.entries(report.before).map(([version, keys]) => `${version}: ${keys}`).join(', ');
  const lines = [
    `re-wrapped ${plural(report.rewrapped, 'data key')} under master key ${report.masterKeyVersion}${from ? ` (before: ${from})` : ''}; ` +
      `${report.alreadyCurrent} already under it; ${report.skipped} skipped (erased meanwhile); no event was changed`,
  ];
  const remaining = keysIn(report.remaining);
  const left = Object.entries(report.remaining).map(([version, keys]) => `${version}: ${keys}`).join(', ');
  if (report.interrupted) {
    lines.push(`interrupted: ${plural(remaining, 'data key')} still under older versions (${left}); run frm keys rotate again to finish`);
  } else if (remaining > 0) {
    lines.push(
      `${plural(remaining, 'data key')} still under older versions (${left}), made while this ran by a service whose FRM_MASTER_KEY is still an older key; ` +
        'give every service the new FRM_MASTER_KEY, then run frm keys rotate again',
    );
  } else {
    lines.push(
      `every data key is under ${report.masterKeyVersion}; once every service runs with this FRM_MASTER_KEY, FRM_MASTER_KEY_PREVIOUS can be dropped`,
    );
  }
  return lines;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
