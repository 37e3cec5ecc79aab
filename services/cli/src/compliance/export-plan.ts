import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { validate as isUuid } from 'uuid';
import { CliError } from '../cli-error';

export const PRIVACY_REGIMES = ['gdpr', 'ccpa'] as const;
export type PrivacyRegimeName = (typeof PRIVACY_REGIMES)[number];

/** What `frm compliance export` was given, as commander parsed it. */
export interface ExportOptions {
  subject: string;
  reason?: string;
  regime: PrivacyRegimeName;
  requestId?: string;
  out?: string;
}

/** One export, checked: whose data, under which law, under which request id, into which folder. */
export interface ExportPlan {
  readonly subjectId: string;
  readonly requestId: string;
  readonly reason: string;
  readonly regime: PrivacyRegimeName;
  /** Absolute. */
  readonly outDir: string;
}

/** Checks the options and fills in the defaults: a fresh request id and `./export-<subject>-<date>`. */
export function exportPlanOf(options: ExportOptions, cwd: string, now: Date, newId: () => string = randomUUID): ExportPlan {
  if (!isUuid(options.subject)) throw new CliError(`--subject "${options.subject}" is not a UUID; the subject is a person's id (a token's sub)`);
  const subjectId = options.subject.toLowerCase();
  if (options.requestId !== undefined && !isUuid(options.requestId)) {
    throw new CliError(`--request-id "${options.requestId}" is not a UUID; give the one of the export to repeat, or leave it out for a new export`);
  }
  const reason = (options.reason ?? '').trim();
  if (options.reason !== undefined && reason === '') throw new CliError('--reason is empty; say why in one line, or leave it out for your own data');
  const out = options.out ?? `export-${subjectId}-${now.toISOString().slice(0, 10)}`;
  if (out.trim() === '') throw new CliError('--out is empty; name the folder to write the export into');
  return { subjectId, requestId: (options.requestId ?? newId()).toLowerCase(), reason, regime: options.regime, outDir: resolve(cwd, out) };
}
