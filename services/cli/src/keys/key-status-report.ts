import { MASTER_KEY_COMMANDS, rotationSchedule, type MasterKeyStatus } from '@frm/pii';

export type MasterKeyRole = 'current' | 'previous' | 'not_configured';

export interface KeyStatusReport {
  readonly currentVersion: string;
  /** When the current master key came into use (ISO 8601). */
  readonly inUseSince: string;
  readonly ageSeconds: number;
  readonly ageDays: number;
  readonly rotation: { readonly periodDays: number; readonly dueAt: string; readonly due: boolean; readonly daysLeft: number };
  /** The current version, the previous ones in settings order, then versions no setting holds. */
  readonly versions: ReadonlyArray<{ readonly version: string; readonly role: MasterKeyRole; readonly keys: number }>;
  readonly totalKeys: number;
}

/** @param configured the versions of FRM_MASTER_KEY then FRM_MASTER_KEY_PREVIOUS */
export function keyStatusReport(status: MasterKeyStatus, configured: readonly string[], now: Date): KeyStatusReport {
  const schedule = rotationSchedule(status.createdAt, now);
  const roleOf = (version: string): MasterKeyRole =>
    version === status.currentVersion ? 'current' : configured.includes(version) ? 'previous' : 'not_configured';
  const unconfigured = [...status.keysByVersion.keys()].filter((version) => roleOf(version) === 'not_configured').sort();
  const versions = [status.currentVersion, ...configured.filter((version) => version !== status.currentVersion), ...unconfigured].map((version) => ({
    version,
    role: roleOf(version),
    keys: status.keysByVersion.get(version) ?? 0,
  }));
  return {
    currentVersion: status.currentVersion,
    inUseSince: status.createdAt.toISOString(),
    ageSeconds: status.ageSeconds,
    ageDays: Math.floor(status.ageSeconds / 86_400),
    rotation: { periodDays: schedule.periodDays, dueAt: schedule.dueAt.toISOString(), due: schedule.due, daysLeft: schedule.daysLeft },
    versions,
    totalKeys: versions.reduce((sum, entry) => sum + entry.keys, 0),
  };
}

/** Lines for people: the current key's age, whether rotation is due, and the data keys by version with what to do about each. */
export function describeKeyStatus(report: KeyStatusReport): string[] {
  const { rotation } = report;
  const policy = `policy: every ${rotation.periodDays} days`;
  const lines = [
    `master key ${report.currentVersion} in use since ${report.inUseSince}: ${report.ageDays} days old`,
    rotation.due
      ? `rotation DUE since ${rotation.dueAt} (${policy}): make a new master key (${MASTER_KEY_COMMANDS}), give it to every service as ` +
        `FRM_MASTER_KEY with the current one (${report.currentVersion}) in FRM_MASTER_KEY_PREVIOUS, then run frm keys rotate`
      : `rotation due ${rotation.dueAt}, in ${rotation.daysLeft} days (${policy})`,
    `data keys by master key version (${report.totalKeys} in all):`,
  ];
  const width = Math.max(...report.versions.map((entry) => String(entry.keys).length));
  for (const entry of report.versions) lines.push(`  ${entry.version}  ${String(entry.keys).padStart(width)}  ${roleText(entry.role, entry.keys, report.currentVersion)}`);
  return lines;
}

function roleText(role: MasterKeyRole, keys: number, currentVersion: string): string {
  if (role === 'current') return 'current (FRM_MASTER_KEY)';
  if (role === 'not_configured') return "not configured: these subjects' data cannot be read; add the master key of this version to FRM_MASTER_KEY_PREVIOUS";
  return keys === 0
    ? 'previous (FRM_MASTER_KEY_PREVIOUS): wraps no data key any more'
    : `previous (FRM_MASTER_KEY_PREVIOUS): run frm keys rotate to re-wrap these under ${currentVersion}`;
}
