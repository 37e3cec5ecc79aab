import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { InvalidArgumentError, type FieldViolation } from '@frm/grpc-errors';
import type { PrivacyRegime } from '../data-requests/legal-deadline';

// A fixed, random namespace: the same inputs must give the same ids in every release.
const COMMAND_NAMESPACE = '3e9a6c10-2b7f-4d85-a1c3-94f0e2b7d615';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CONTROL = /\p{Cc}/u;
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;
export const MAX_REASON_LENGTH = 500;

/** Collects a request's rule violations, to refuse them all at once with INVALID_ARGUMENT before anything is written. */
export class RequestCheck {
  private readonly violations: FieldViolation[] = [];

  /** The subject id in lower case; `fallback` (the caller) when empty and one is given. */
  subjectId(field: string, value: string, fallback?: string): string {
    if (value === '' && fallback !== undefined) return fallback;
    if (value === '') this.violations.push({ field, rule: "must not be empty; give the subject's id (a token's sub, a UUID)" });
    else if (!UUID.test(value)) this.violations.push({ field, rule: 'must be a UUID (a token’s sub)' });
    return value.toLowerCase();
  }

  /** A retry-safe request id: a UUID, or empty for a call that is never retried. */
  requestId(value: string): string {
    if (value !== '' && !UUID.test(value)) this.violations.push({ field: 'request_id', rule: 'must be a UUID, or empty for a call that is never retried' });
    return value.toLowerCase();
  }

  /** A one-line reason fit for the audit log, which keeps no personal data. */
  reason(value: string, required: boolean): string {
    const reason = value.trim();
    if (reason === '' && required) this.violations.push({ field: 'reason', rule: 'is required here: say why, in one line' });
    else if (reason.length > MAX_REASON_LENGTH) this.violations.push({ field: 'reason', rule: `must be at most ${MAX_REASON_LENGTH} characters`, got: reason.length });
    else if (CONTROL.test(reason)) this.violations.push({ field: 'reason', rule: 'must be one line of printable text' });
    else if (EMAIL.test(reason)) this.violations.push({ field: 'reason', rule: 'must not hold an e-mail address: the audit log keeps ids only, never personal data' });
    return reason;
  }

  regime(value: string): PrivacyRegime {
    if (value === 'PRIVACY_REGIME_CCPA') return 'ccpa';
    if (value === 'PRIVACY_REGIME_GDPR' || value === 'PRIVACY_REGIME_UNSPECIFIED' || value === '') return 'gdpr';
    this.violations.push({ field: 'regime', rule: 'must be PRIVACY_REGIME_GDPR or PRIVACY_REGIME_CCPA' });
    return 'gdpr';
  }

  violation(field: string, rule: string, got?: string | number): void {
    this.violations.push({ field, rule, ...(got === undefined ? {} : { got }) });
  }

  /** @throws InvalidArgumentError naming every field that broke a rule */
  done(): void {
    const [first, ...rest] = this.violations;
    if (first) throw new InvalidArgumentError([first, ...rest]);
  }
}

/**
 * A command's id: derived from the client's request id, scoped by RPC and caller, so a retry finds
 * its own events; fresh when the client sent none (that call is not retry-safe).
 */
export function commandIdOf(rpc: string, callerId: string, requestId: string): string {
  return requestId === '' ? randomUUID() : uuidv5(`${rpc}\n${callerId}\n${requestId}`, COMMAND_NAMESPACE);
}

/** A deterministic id derived from another one, for the audit entry of an erasure or export. */
export function derivedId(purpose: string, id: string): string {
  return uuidv5(`${purpose}\n${id}`, COMMAND_NAMESPACE);
}
