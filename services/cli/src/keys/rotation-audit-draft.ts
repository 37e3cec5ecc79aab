import type { AuditEntryDraft } from '@frm/audit';
import { keysIn, type RotationReport } from './rotation-report';

// Six versions joined fit the 128 characters of an audit id; more are counted, not named.
const NAMED_FROM_VERSIONS = 6;

export interface RotationAuditOptions {
  /** Names this run's entry. */
  readonly entryId: string;
  /** `--actor`: an id, never a name or e-mail address. */
  readonly actorId: string;
  readonly reason: string;
}

/** The `key_rotation` entry of one run: the target version, the versions it re-wrapped from, and counts. */
export function rotationAuditDraft(options: RotationAuditOptions, report: RotationReport): AuditEntryDraft {
  const fromVersions = Object.keys(report.before);
  return {
    entryId: options.entryId,
    actorId: options.actorId,
    action: 'key_rotation',
    target: { type: 'master_key', id: report.masterKeyVersion },
    reason: options.reason,
    detail: {
      keysRewrapped: report.rewrapped,
      keysSkipped: report.skipped,
      keysAlreadyCurrent: report.alreadyCurrent,
      keysRemaining: keysIn(report.remaining),
      fromVersionCount: fromVersions.length,
      ...(fromVersions.length > 0 ? { fromVersions: fromVersions.slice(0, NAMED_FROM_VERSIONS).join('/') } : {}),
      ...(report.interrupted ? { interrupted: 1 } : {}),
    },
  };
}
