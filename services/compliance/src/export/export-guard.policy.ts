import type { Role } from '@frm/caller';
import { InvalidArgumentError, PermissionDeniedError } from '@frm/grpc-errors';

export interface ExportLimits {
  /** More records than this make an export a bulk export. */
  readonly bulkRecords: number;
  /** Bulk exports one admin may make per hour. */
  readonly bulkPerHour: number;
}

export const DEFAULT_EXPORT_LIMITS: ExportLimits = { bulkRecords: 1000, bulkPerHour: 10 };

export interface ExportAsk {
  readonly callerId: string;
  readonly callerRoles: readonly Role[];
  readonly subjectId: string;
  readonly recordCount: number;
  readonly reason: string;
}

/** What the guard lets through: a plain export, or a bulk one that the hourly limit must count. */
export type ExportClearance = { readonly bulk: false } | { readonly bulk: true; readonly why: 'another_subject' | 'record_count' };

/**
 * The bulk-export rule. Exporting another person's data, or more than `bulkRecords` records, is a
 * bulk export: only an admin may make one, and only with a stated reason. Everything else is a
 * person exporting their own data.
 * @throws PermissionDeniedError when a bulk export is asked without the admin role
 * @throws InvalidArgumentError (field `reason`) when an admin asks one without a reason
 */
export function clearExport(ask: ExportAsk, limits: ExportLimits): ExportClearance {
  const another = ask.callerId !== ask.subjectId;
  const large = ask.recordCount > limits.bulkRecords;
  if (!another && !large) return { bulk: false };
  if (!ask.callerRoles.includes('admin')) {
    throw new PermissionDeniedError(
      another
        ? "exporting another person's data needs the admin role; you may export your own"
        : `an export of more than ${limits.bulkRecords} records (this one has ${ask.recordCount}) is made by an admin; ask one to export it for you`,
    );
  }
  if (ask.reason === '') {
    throw new InvalidArgumentError('reason', `is required for a bulk export (another person's data, or more than ${limits.bulkRecords} records): say why, in one line`);
  }
  return { bulk: true, why: another ? 'another_subject' : 'record_count' };
}
