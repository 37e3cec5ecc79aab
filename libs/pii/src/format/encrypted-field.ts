const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
// Anchored and strict: Node's base64url decoder skips characters it does not know, so the
// alphabet is checked here rather than trusted to fail there.
const SUBJECT = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const KEY_ID = '[A-Za-z0-9_-]{1,32}';
const PAYLOAD = `[A-Za-z0-9_-]{${Math.ceil(((IV_BYTES + TAG_BYTES) * 4) / 3)},}`;
const ENCRYPTED_FIELD = new RegExp(`^pii:${VERSION}:(${SUBJECT}):(${KEY_ID}):(${PAYLOAD})$`);

/** Where an encrypted field belongs; all of it is authenticated as associated data. */
export interface FieldBinding {
  readonly subjectId: string;
  readonly keyId: string;
  readonly streamId: string;
  readonly field: string;
}

/** The parts of `pii:v1:<subject>:<keyId>:<base64url(iv | ciphertext | tag)>`. */
export interface EncryptedFieldParts {
  readonly subjectId: string;
  readonly keyId: string;
  readonly iv: Buffer;
  readonly ciphertext: Buffer;
  readonly tag: Buffer;
}

export const ENCRYPTED_FIELD_LAYOUT = { ivBytes: IV_BYTES, tagBytes: TAG_BYTES } as const;

/**
 * Whether a value has the shape of an encrypted field (`pii:v1:…`). Only the authentication tag
 * can tell whether it is genuine; this tells encrypted values from plaintext ones.
 */
export function isEncryptedField(value: unknown): value is string {
  return typeof value === 'string' && ENCRYPTED_FIELD.test(value);
}

/** The subject whose key an encrypted field names, or `undefined` when it is not one. */
export function subjectOfEncryptedField(value: string): string | undefined {
  return ENCRYPTED_FIELD.exec(value)?.[1];
}

export function formatEncryptedField(parts: EncryptedFieldParts): string {
  const payload = Buffer.concat([parts.iv, parts.ciphertext, parts.tag]).toString('base64url');
  return `pii:${VERSION}:${parts.subjectId}:${parts.keyId}:${payload}`;
}

export function parseEncryptedField(value: string): EncryptedFieldParts | undefined {
  const match = ENCRYPTED_FIELD.exec(value);
  if (!match) return undefined;
  const [, subjectId, keyId, encoded] = match as unknown as [string, string, string, string];
  const payload = Buffer.from(encoded, 'base64url');
  if (payload.length < IV_BYTES + TAG_BYTES) return undefined;
  return {
    subjectId,
    keyId,
    iv: payload.subarray(0, IV_BYTES),
    ciphertext: payload.subarray(IV_BYTES, payload.length - TAG_BYTES),
    tag: payload.subarray(payload.length - TAG_BYTES),
  };
}

/**
 * A JSON array is an unambiguous encoding of the parts: no choice of stream id or field name can
 * make two different bindings produce the same bytes, as a joined string could.
 */
export function fieldAssociatedData(binding: FieldBinding): Buffer {
  return Buffer.from(JSON.stringify([`pii:${VERSION}`, binding.subjectId, binding.keyId, binding.streamId, binding.field]), 'utf8');
}
