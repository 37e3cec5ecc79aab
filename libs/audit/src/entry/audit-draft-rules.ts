import { isAuditAction, AUDIT_ACTIONS } from './audit-action';
import { MAX_DETAIL_KEYS, MAX_REASON_LENGTH, type AuditDetail, type AuditEntryDraft } from './audit-entry';
import { InvalidAuditEntryError } from './invalid-audit-entry.error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Ids, not names: no spaces and no '@', so neither "Jane Doe" nor an e-mail address fits.
const ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/;
const TYPE = /^[a-z][a-z0-9_]{0,63}$/;
const DETAIL_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const LOG_NAME = /^[a-z][a-z0-9_.-]{0,62}$/;
const CONTROL = /\p{Cc}/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;

/**
 * The draft as it will be hashed and stored (entry id in lowercase, detail present, -0 as 0), or
 * {@link InvalidAuditEntryError}: only ids and numbers may enter a log that can never be erased.
 */
export function checkAuditDraft(draft: AuditEntryDraft): Required<AuditEntryDraft> {
  if (typeof draft.entryId !== 'string' || !UUID.test(draft.entryId)) {
    fail('entryId', 'must be a UUID (derive it from the command id, so that a retry sends the same one)');
  }
  checkId('actorId', draft.actorId, "the caller's subject id or a service id, never a name or e-mail address");
  if (!isAuditAction(draft.action)) fail('action', `must be one of ${AUDIT_ACTIONS.join(', ')} (add a new act to AUDIT_ACTIONS)`);
  if (typeof draft.target?.type !== 'string' || !TYPE.test(draft.target.type)) {
    fail('target.type', 'must be a kind of thing in snake_case, like feature_request or subject');
  }
  checkId('target.id', draft.target.id, 'the id of the thing acted on');
  return {
    entryId: draft.entryId.toLowerCase(),
    actorId: draft.actorId,
    action: draft.action,
    target: { type: draft.target.type, id: draft.target.id },
    reason: checkReason(draft.reason),
    detail: checkDetail(draft.detail ?? {}),
  };
}

/** Throws {@link InvalidAuditEntryError} unless `log` is a name fit for a table column and a Kafka key. */
export function checkLogName(log: string): string {
  if (typeof log !== 'string' || !LOG_NAME.test(log)) {
    fail('log', 'name must be lowercase letters, digits, "_", "." or "-", starting with a letter, at most 63 characters');
  }
  return log;
}

function checkId(field: string, value: unknown, what: string): void {
  if (typeof value !== 'string' || !ID.test(value)) {
    fail(field, `must be an id (letters, digits and . _ : / -, at most 128 characters): ${what}`);
  }
}

function checkReason(reason: unknown): string {
  if (typeof reason !== 'string' || reason.trim() === '') fail('reason', 'is required: say why the act was done');
  if (reason.length > MAX_REASON_LENGTH) fail('reason', `is longer than ${MAX_REASON_LENGTH} characters; shorten it`);
  if (CONTROL.test(reason) || LONE_SURROGATE.test(reason)) fail('reason', 'must be one line of printable text');
  if (EMAIL.test(reason)) fail('reason', 'looks like it holds an e-mail address; the audit log keeps ids only, never personal data');
  return reason;
}

function checkDetail(detail: AuditDetail): AuditDetail {
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) fail('detail', 'must be an object of ids and numbers');
  const entries = Object.entries(detail);
  if (entries.length > MAX_DETAIL_KEYS) fail('detail', `has more than ${MAX_DETAIL_KEYS} keys; keep it to the few ids and numbers that explain the act`);
  const checked: Record<string, string | number> = {};
  for (const [key, value] of entries) {
    if (!DETAIL_KEY.test(key)) fail(`detail key "${key.slice(0, 40)}"`, 'must be a camelCase or snake_case name');
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) fail(`detail.${key}`, 'must be a finite number');
      checked[key] = value === 0 ? 0 : value;
    } else {
      checkId(`detail.${key}`, value, 'detail values are ids or numbers only');
      checked[key] = value;
    }
  }
  return checked;
}

function fail(field: string, problem: string): never {
  throw new InvalidAuditEntryError(field, problem);
}
