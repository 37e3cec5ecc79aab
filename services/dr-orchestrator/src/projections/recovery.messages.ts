import { frmV1 } from '@frm/contracts';
import { formatPosition } from '@frm/event-store';
import type { BuildProgress, ProjectionHealth, ProjectionHealthRow, VerifyReport } from '@frm/projections';

const STATES: Readonly<Record<ProjectionHealth, frmV1.ProjectionState>> = {
  'not-built': frmV1.ProjectionState.PROJECTION_STATE_NOT_BUILT,
  'caught-up': frmV1.ProjectionState.PROJECTION_STATE_CAUGHT_UP,
  behind: frmV1.ProjectionState.PROJECTION_STATE_BEHIND,
  rebuilding: frmV1.ProjectionState.PROJECTION_STATE_REBUILDING,
  'version-mismatch': frmV1.ProjectionState.PROJECTION_STATE_VERSION_MISMATCH,
};

const PHASES: Readonly<Record<BuildProgress['phase'], frmV1.BuildPhase>> = {
  building: frmV1.BuildPhase.BUILD_PHASE_BUILDING,
  'catching-up': frmV1.BuildPhase.BUILD_PHASE_CATCHING_UP,
  done: frmV1.BuildPhase.BUILD_PHASE_DONE,
};

export function projectionInfoOf(row: ProjectionHealthRow): frmV1.ProjectionInfo {
  return {
    name: row.projection,
    version: row.version,
    schema: row.schema,
    checkpoint: row.checkpoint ?? '',
    lagEvents: String(row.lag),
    lagSeconds: row.lagSeconds,
    state: STATES[row.state],
  };
}

export function buildProgressOf(progress: BuildProgress): frmV1.BuildProgress {
  return {
    projection: progress.projection,
    phase: PHASES[progress.phase],
    eventsApplied: String(progress.eventsApplied),
    eventsRemaining: progress.remaining.toString(),
    checkpoint: formatPosition(progress.checkpoint),
  };
}

export function verifyReportOf(report: VerifyReport): frmV1.VerifyReport {
  const differing = new Map(report.differences.map((difference) => [difference.table, difference]));
  const tables = [...new Set([...report.live.tables, ...report.rebuilt.tables].map((table) => table.table))].sort();
  return {
    projection: report.projection,
    schema: report.schema,
    checkpoint: formatPosition(report.checkpoint),
    matches: report.matches,
    liveChecksum: report.live.checksum,
    rebuiltChecksum: report.rebuilt.checksum,
    tables: tables.map((table): frmV1.TableComparison => {
      const difference = differing.get(table);
      return {
        table,
        liveRows: String(report.live.tables.find((t) => t.table === table)?.rows ?? -1),
        rebuiltRows: String(report.rebuilt.tables.find((t) => t.table === table)?.rows ?? -1),
        matches: difference === undefined,
        onlyInLive: (difference?.onlyInLive ?? []).map((row) => JSON.stringify(row)),
        onlyInRebuilt: (difference?.onlyInRebuilt ?? []).map((row) => JSON.stringify(row)),
      };
    }),
  };
}
