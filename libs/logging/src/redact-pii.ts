import { stdSerializers } from 'pino';

/** What a redacted value is replaced with. */
export const REDACTED = '[redacted]';

/**
 * Keys whose values never reach a log, compared without case, `-` or `_` (so `Set-Cookie`,
 * `api_key` and `apiKey` are alike). PII (DESIGN.md §5: after erasure, no plaintext PII in logs
 * either) and credentials.
 */
export const SENSITIVE_KEYS: readonly string[] = [
  'authorization',
  'proxyAuthorization',
  'cookie',
  'setCookie',
  'password',
  'passphrase',
  'secret',
  'token',
  'jwt',
  'apiKey',
  'xApiKey',
  'privateKey',
  'email',
  'emailAddress',
  'name',
  'firstName',
  'lastName',
  'fullName',
  'displayName',
  'userName',
  'phone',
  'phoneNumber',
  'address',
  'title',
  'description',
  'body',
  'comment',
  'text',
];

/** Endings that mark a key as sensitive too: `accessToken`, `jwtSecret`, `dbPassword`, `recipientEmail`. */
export const SENSITIVE_KEY_ENDINGS: readonly string[] = ['token', 'secret', 'password', 'apikey', 'email'];

// Deeper than anything a log line should hold; cut there rather than walk an object graph.
const MAX_DEPTH = 12;

const normalise = (key: string) => key.toLowerCase().replace(/[-_]/g, '');

/**
 * Makes a function that returns a copy of a value with the sensitive keys' values replaced by
 * {@link REDACTED} at any depth (the value itself is never changed; unchanged parts are shared).
 * It works by key name rather than by pino's path list because PII turns up at any depth and
 * pino's wildcard paths match one level each and grow slow in numbers.
 * @param extraKeys further keys to redact, in any case
 */
export function createPiiRedactor(extraKeys: readonly string[] = []): (value: unknown) => unknown {
  const exact = new Set([...SENSITIVE_KEYS, ...extraKeys].map(normalise));
  const isSensitive = (key: string) => {
    const normalised = normalise(key);
    return exact.has(normalised) || SENSITIVE_KEY_ENDINGS.some((ending) => normalised.endsWith(ending));
  };

  const redact = (value: unknown, depth: number, ancestors: object[], serialised: boolean): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    if (ancestors.includes(value)) return '[circular]';
    if (depth >= MAX_DEPTH) return '[too deep]';
    if (ArrayBuffer.isView(value) || value instanceof Map || value instanceof Set) return value;
    if (!serialised) {
      // Redact what will be written: an error's serialised form, or what toJSON returns.
      const written = value instanceof Error ? stdSerializers.err(value) : toJson(value);
      if (written !== value) return redact(written, depth, ancestors, true);
    }
    ancestors.push(value);
    try {
      return Array.isArray(value) ? redactArray(value, depth, ancestors) : redactObject(value, depth, ancestors);
    } finally {
      ancestors.pop();
    }
  };

  const redactArray = (array: readonly unknown[], depth: number, ancestors: object[]): unknown => {
    let copy: unknown[] | undefined;
    array.forEach((item, index) => {
      const redacted = redact(item, depth + 1, ancestors, false);
      if (redacted !== item) (copy ??= [...array])[index] = redacted;
    });
    return copy ?? array;
  };

  const redactObject = (object: object, depth: number, ancestors: object[]): unknown => {
    let copy: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(object)) {
      const redacted = isSensitive(key) ? (item === undefined ? item : REDACTED) : redact(item, depth + 1, ancestors, false);
      if (redacted !== item) (copy ??= { ...object })[key] = redacted;
    }
    return copy ?? object;
  };

  return (value) => redact(value, 0, [], false);
}

function toJson(value: object): unknown {
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  return typeof toJSON === 'function' ? (toJSON as () => unknown).call(value) : value;
}
