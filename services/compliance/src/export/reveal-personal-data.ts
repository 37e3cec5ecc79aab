import type { JsonObject, JsonValue } from '@frm/event-store';
import { isEncryptedField, type PiiCipher } from '@frm/pii';

/** What an export shows for an encrypted value that does not verify. */
export const UNREADABLE = '[unreadable]';

// Plaintext is told apart at its first characters, before the full pattern is tried.
const ENCRYPTED_PREFIX = 'pii:';

/**
 * The event's data with every encrypted field (`pii:v1:…`) decrypted, or `[erased]` once its key is
 * gone. The field name bound into each value is its member path in the event's JSON (`title`,
 * `weddingContext.supplierType`, `tags.0`): encrypting services use the same names.
 */
export async function revealPersonalData(cipher: RevealingCipher, streamId: string, data: JsonObject): Promise<JsonObject> {
  return (await revealPersonalDataOf(cipher, streamId, [data]))[0] as JsonObject;
}

/**
 * {@link revealPersonalData} for the data of many events of one stream: their encrypted members go
 * to the cipher as one batch, in which each key is prepared once and only missing keys are waited for.
 */
export async function revealPersonalDataOf(cipher: RevealingCipher, streamId: string, events: readonly JsonObject[]): Promise<JsonObject[]> {
  const found: FoundMember[] = [];
  const revealed = events.map((data) => (mayHoldEncrypted(data) ? (copyFinding(data, '', found) as JsonObject) : data));
  if (found.length === 0) return revealed;
  const plaintexts = await cipher.decryptFields(streamId, found);
  for (let index = 0; index < found.length; index++) {
    const { holder, key } = found[index] as FoundMember;
    const plaintext = plaintexts[index];
    holder[key] = typeof plaintext === 'string' ? plaintext : UNREADABLE;
  }
  return revealed;
}

/** What an export needs of the cipher. */
export type RevealingCipher = Pick<PiiCipher, 'decryptFields'>;

/** An encrypted member (its path is the field name it is bound to), and the copy (object or array) it goes into. */
export interface FoundMember {
  readonly holder: Record<string, JsonValue>;
  readonly key: string;
  readonly field: string;
  readonly value: string;
}

/** Cheap and never wrong in the direction that matters: data it passes over holds no encrypted member. */
export function mayHoldEncrypted(value: JsonValue): boolean {
  if (typeof value === 'string') return value.startsWith(ENCRYPTED_PREFIX);
  if (Array.isArray(value)) return value.some(mayHoldEncrypted);
  if (value !== null && typeof value === 'object') {
    for (const key in value) if (Object.hasOwn(value, key) && mayHoldEncrypted(value[key] as JsonValue)) return true;
  }
  return false;
}

/** A copy of `value` (an object or array at `path`), its encrypted members listed in `found`; member paths are made only where needed. */
export function copyFinding(value: JsonObject | JsonValue[], path: string, found: FoundMember[]): JsonObject | JsonValue[] {
  if (Array.isArray(value)) {
    const copy: JsonValue[] = new Array<JsonValue>(value.length);
    const holder = copy as unknown as Record<string, JsonValue>;
    for (let index = 0; index < value.length; index++) copy[index] = copyMember(value[index] as JsonValue, path, String(index), holder, found);
    return copy;
  }
  const copy: JsonObject = {};
  for (const key in value) if (Object.hasOwn(value, key)) copy[key] = copyMember(value[key] as JsonValue, path, key, copy, found);
  return copy;
}

function copyMember(item: JsonValue, parent: string, key: string, holder: FoundMember['holder'], found: FoundMember[]): JsonValue {
  if (typeof item === 'string') {
    if (item.startsWith(ENCRYPTED_PREFIX) && isEncryptedField(item)) found.push({ holder, key, field: join(parent, key), value: item });
    return item;
  }
  if (item !== null && typeof item === 'object') return copyFinding(item, join(parent, key), found);
  return item;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
