import { frmV1 } from '@frm/contracts';

const STATES: Readonly<Partial<Record<frmV1.ProjectionState, string>>> = {
  [frmV1.ProjectionState.PROJECTION_STATE_NOT_BUILT]: 'not-built',
  [frmV1.ProjectionState.PROJECTION_STATE_CAUGHT_UP]: 'caught-up',
  [frmV1.ProjectionState.PROJECTION_STATE_BEHIND]: 'behind',
  [frmV1.ProjectionState.PROJECTION_STATE_REBUILDING]: 'rebuilding',
  [frmV1.ProjectionState.PROJECTION_STATE_VERSION_MISMATCH]: 'version-mismatch',
};

export function stateName(state: frmV1.ProjectionState): string {
  return STATES[state] ?? 'unknown';
}

/** The projections as aligned columns, one a line. */
export function projectionsTable(response: frmV1.ListProjectionsResponse): string {
  const header = ['PROJECTION', 'VERSION', 'SCHEMA', 'CHECKPOINT', 'LAG', 'WAITING', 'STATE'];
  const rows = response.projections.map((p) => [
    p.name,
    String(p.version),
    p.schema,
    p.checkpoint || '-',
    p.lagEvents,
    p.lagSeconds === 0 ? '-' : `${p.lagSeconds.toFixed(1)} s`,
    stateName(p.state),
  ]);
  const lines = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...lines.map((line) => (line[column] ?? '').length)));
  return [...lines.map((line) => line.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()), `head ${response.head || '-'}`].join('\n');
}

/** The backups for people: where, how old, and the files a restore would read. */
export function describeBackups(response: frmV1.ListBackupsResponse): string {
  const age = (seconds: number) => (seconds < 0 ? 'none yet' : `${seconds.toFixed(1)} s ago`);
  const lines = [
    `backups in ${response.location}: recovery point ${response.recoveryPointSeconds < 0 ? 'none yet' : `${response.recoveryPointSeconds.toFixed(1)} s`}, newest snapshot ${age(response.newestSnapshotAgeSeconds)}, newest segment ${age(response.newestSegmentAgeSeconds)}`,
  ];
  for (const file of [...response.snapshots, ...response.segments]) {
    lines.push(`  ${file.name}  ${file.eventCount} events  ${file.fromPosition}..${file.toPosition}  sha256 ${file.sha256.slice(0, 12)}`);
  }
  return lines.join('\n');
}

/** A drill's report for people: the measured recovery point and time, and each projection's verdict. */
export function describeDrill(report: frmV1.DrillReport): string {
  const verdict = (ok: boolean) => (ok ? 'within target' : 'OVER TARGET');
  const lines = [
    `restore drill ${report.drillId}: ${report.verified ? 'verified' : 'NOT verified'}`,
    `  restored ${report.eventsRestored} events from ${report.files.length} files (${report.files.join(', ')})`,
    `  recovery point (RPO): ${report.rpoSeconds < 0 ? 'unknown' : `${report.rpoSeconds.toFixed(1)} s`} (${verdict(report.withinRpoTarget)}: 30 s)`,
    `  recovery time (RTO): ${report.rtoSeconds.toFixed(1)} s (${verdict(report.withinRtoTarget)}: 300 s)`,
    `  erasure ledger: ${report.ledgerNote}; ${report.erasuresReapplied} erasures re-applied`,
  ];
  if (report.events) {
    lines.push(
      report.events.matches
        ? `  events: the ${report.events.eventsCompared} restored events equal the live ones`
        : `  events: DIFFER after ${report.events.eventsCompared} equal events: ${report.events.firstDifference}`,
    );
  }
  for (const projection of report.projections) {
    lines.push(
      `  ${projection.name}: ${projection.matches ? 'matches' : `differs in ${projection.differingTables.join(', ')}`} (${projection.restoredEvents} events, compared with the ${projection.comparedWith.replace('-', ' ')})`,
    );
  }
  return lines.join('\n');
}

/** A comparison for people: matches, or which tables differ with a few rows of each side. */
export function describeVerification(report: frmV1.VerifyReport): string {
  if (report.matches) return `${report.projection} matches its events at ${report.checkpoint} (checksum ${report.liveChecksum.slice(0, 12)})`;
  const lines = [`${report.projection} differs from its events at ${report.checkpoint}:`];
  for (const table of report.tables.filter((t) => !t.matches)) {
    lines.push(`  ${table.table}: ${table.liveRows} live rows, ${table.rebuiltRows} rebuilt`);
    for (const row of table.onlyInLive) lines.push(`    live only:    ${row}`);
    for (const row of table.onlyInRebuilt) lines.push(`    rebuilt only: ${row}`);
  }
  return lines.join('\n');
}

export function describeRebuild(outcome: frmV1.RebuildOutcome): string {
  const compared = outcome.verification ? describeVerification(outcome.verification) : `not compared: ${outcome.notComparedBecause}`;
  const forced = outcome.overrideAuditEntryId ? `\nforced on a frozen day; audit entry ${outcome.overrideAuditEntryId}` : '';
  if (!outcome.swapped) {
    return `${compared}\nnot swapped: the live copy was kept. If its rows are the damaged ones, run again with --accept-differences${forced}`;
  }
  return `${compared}\n${outcome.projection} v${outcome.version} rebuilt from ${outcome.eventsApplied} events in ${outcome.durationSeconds.toFixed(1)} s and swapped in${forced}`;
}
