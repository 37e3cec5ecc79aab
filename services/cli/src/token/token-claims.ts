import { validate as isUuid } from 'uuid';
import { ROLES, SUPPLIER_TYPES, type Role } from '@frm/intake';
import { CliError } from '../cli-error';

/** What `frm token` was given, as commander parsed it. */
export interface TokenClaimOptions {
  sub: string;
  roles: string;
  email?: string;
  name?: string;
  supplierType?: string;
  tz?: string;
  weddingDate?: string;
  accountCreatedAt?: string;
}

/** The access token's claims as the gateway reads them (issue 3): snake_case, times in seconds. */
export interface AccessTokenClaims {
  sub: string;
  roles: Role[];
  email?: string;
  name?: string;
  supplier_type?: string;
  tz?: string;
  wedding_date?: string;
  account_created_at?: number;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Checks every option and builds the claims; throws a {@link CliError} naming the first bad one. */
export function accessTokenClaims(options: TokenClaimOptions): AccessTokenClaims {
  const claims: AccessTokenClaims = { sub: subjectOf(options.sub), roles: rolesOf(options.roles) };
  if (options.email !== undefined) {
    if (!EMAIL.test(options.email)) throw new CliError(`--email "${options.email}" is not an e-mail address; e.g. --email ana@example.com`);
    claims.email = options.email;
  }
  if (options.name !== undefined) {
    if (options.name.trim() === '') throw new CliError('--name is empty; give the display name, e.g. --name "Ana Ruiz", or leave it out');
    claims.name = options.name.trim();
  }
  if (options.supplierType !== undefined) {
    if (!(SUPPLIER_TYPES as readonly string[]).includes(options.supplierType)) {
      throw new CliError(`--supplier-type "${options.supplierType}" is not known; use one of ${SUPPLIER_TYPES.join(', ')}`);
    }
    claims.supplier_type = options.supplierType;
  }
  if (options.tz !== undefined) claims.tz = timeZoneOf(options.tz);
  if (options.weddingDate !== undefined) claims.wedding_date = weddingDateOf(options.weddingDate);
  if (options.accountCreatedAt !== undefined) claims.account_created_at = secondsOf(options.accountCreatedAt);
  return claims;
}

function subjectOf(sub: string): string {
  if (!isUuid(sub)) throw new CliError(`--sub "${sub}" is not a UUID; the subject is the caller's id, e.g. --sub $(uuidgen)`);
  return sub.toLowerCase();
}

function rolesOf(list: string): Role[] {
  const named = list.split(',').map((role) => role.trim().toLowerCase()).filter((role) => role !== '');
  const unknown = named.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (named.length === 0 || unknown.length > 0) {
    const what = named.length === 0 ? 'names no role' : `has unknown role(s) ${unknown.join(', ')}`;
    throw new CliError(`--roles ${what}; use a comma-separated list of ${ROLES.join(', ')}, e.g. --roles couple`);
  }
  return ROLES.filter((role) => named.includes(role));
}

function timeZoneOf(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw new CliError(`--tz "${zone}" is not an IANA time zone; e.g. --tz Europe/London`);
  }
}

function weddingDateOf(text: string): string {
  const match = ISO_DATE.exec(text);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  // Date.UTC rolls 2026-02-30 over into March: a real date survives the round trip unchanged.
  if (!date || date.toISOString().slice(0, 10) !== text) {
    throw new CliError(`--wedding-date "${text}" is not a date; use YYYY-MM-DD, e.g. --wedding-date 2026-06-20`);
  }
  return text;
}

function secondsOf(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const millis = Date.parse(text);
  if (Number.isNaN(millis) || !/^\d{4}-\d{2}-\d{2}/.test(text)) {
    throw new CliError(
      `--account-created-at "${text}" is neither seconds since 1970 nor an ISO date; e.g. --account-created-at 2025-01-31T09:00:00Z`,
    );
  }
  return Math.floor(millis / 1000);
}
