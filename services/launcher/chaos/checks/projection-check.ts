import { setTimeout as sleep } from 'node:timers/promises';
import { frmV1 } from '@frm/contracts';
import { isCallResult, type AdminCalls } from './admin-calls';
import { newCheck, type CheckResult } from './check-result';

/** Waits until every projection has applied every event (the DR orchestrator's ListProjections). */
export async function waitUntilCaughtUp(admin: AdminCalls, timeoutMs: number): Promise<{ projections: frmV1.ProjectionInfo[]; seconds: number; behind: string[] }> {
  const started = Date.now();
  let behind: string[] = ['no answer yet'];
  let projections: frmV1.ProjectionInfo[] = [];
  while (Date.now() - started < timeoutMs) {
    const listed = await admin.listProjections();
    if (isCallResult(listed)) {
      behind = [`ListProjections: ${listed.code} ${listed.details}`];
    } else {
      projections = listed.projections;
      behind = projections
        .filter((projection) => projection.state !== frmV1.ProjectionState.PROJECTION_STATE_CAUGHT_UP || Number(projection.lagEvents) > 0)
        .map((projection) => `${projection.name} ${projection.state} (${projection.lagEvents} events behind)`);
      if (behind.length === 0) break;
    }
    await sleep(1_000);
  }
  return { projections, seconds: (Date.now() - started) / 1000, behind };
}

/** Every projection rebuilt from its events into a scratch copy and compared with the live one (VerifyProjection). */
export async function verifyProjections(admin: AdminCalls, names: readonly string[]): Promise<CheckResult> {
  const check = newCheck('every projection equals a rebuild from its events (VerifyProjection through the gateway)');
  for (const name of names) {
    const started = Date.now();
    const report = await admin.verifyProjection(name);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (isCallResult(report)) {
      check.failures.push(`VerifyProjection ${name} failed: ${report.code} ${report.details}`);
      continue;
    }
    check.figures[name] = { matches: report.matches, checkpoint: report.checkpoint, checksum: report.liveChecksum.slice(0, 12) };
    if (report.matches) {
      check.lines.push(`${name}: matches its events at ${report.checkpoint} (checksum ${report.liveChecksum.slice(0, 12)}, ${seconds} s)`);
      continue;
    }
    check.figures[name] = {
      ...(check.figures[name] as object),
      differingTables: report.tables.filter((table) => !table.matches).map((table) => ({ table: table.table, liveRows: table.liveRows, rebuiltRows: table.rebuiltRows, onlyInLive: table.onlyInLive, onlyInRebuilt: table.onlyInRebuilt })),
    };
    const differing = report.tables
      .filter((table) => !table.matches)
      .map((table) => `${table.table} (${table.liveRows} live rows, ${table.rebuiltRows} rebuilt; live only: ${table.onlyInLive.slice(0, 3).join(' | ')}; rebuilt only: ${table.onlyInRebuilt.slice(0, 3).join(' | ')})`);
    check.failures.push(`${name} differs from its rebuild at ${report.checkpoint}: ${differing.join('; ')}`);
  }
  return check;
}
