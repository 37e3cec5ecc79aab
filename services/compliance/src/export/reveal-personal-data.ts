import type { JsonObject, JsonValue } from '@frm/event-store';
import { isEncryptedField, TamperedFieldError, type PiiCipher } from '@frm/pii';

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
 * {@link revealPersonalData} for the data of many events of one stream. Fields whose key is in
 * memory are decrypted at once, without a promise each; the others wait for their key after that.
 */
export async function revealPersonalDataOf(cipher: RevealingCipher, streamId: string, events: readonly JsonObject[]): Promise<JsonObject[]> {
  const revealing: Revealing = { cipher, streamId, waiting: [] };
  const revealed = events.map((data) => (holdsEncrypted(data) ? (revealIn(data, '', revealing) as JsonObject) : data));
  for (const { holder, key, path, value } of revealing.waiting) {
    try {
      holder[key] = await cipher.decryptField(streamId, path, value);
    } catch (error) {
      if (!(error instanceof TamperedFieldError)) throw error;
      holder[key] = UNREADABLE;
    }
  }
  return revealed;
}

/** What the export needs of the cipher. */
export type RevealingCipher = Pick<PiiCipher, 'decryptField' | 'decryptFieldIfKeyInMemory'>;

/** An encrypted member whose key is not in memory, and the copy (object or array) it goes into. */
interface WaitingMember {
  readonly holder: Record<string, JsonValue>;
  readonly key: string;
  readonly path: string;
  readonly value: string;
}

interface Revealing {
  readonly cipher: RevealingCipher;
  readonly streamId: string;
  readonly waiting: WaitingMember[];
}

function holdsEncrypted(value: JsonValue): boolean {
  if (typeof value === 'string') return value.startsWith(ENCRYPTED_PREFIX) && isEncryptedField(value);
  if (Array.isArray(value)) return value.some(holdsEncrypted);
  if (value !== null && typeof value === 'object') {
    for (const key in value) if (Object.hasOwn(value, key) && holdsEncrypted(value[key] as JsonValue)) return true;
  }
  return false;
}

/** A copy of `value` (an object or array at `path`) with its encrypted members decrypted; member paths are made only where needed. */
function revealIn(value: JsonObject | JsonValue[], path: string, revealing: Revealing): JsonObject | JsonValue[] {
  if (Array.isArray(value)) {
    const copy: JsonValue[] = new Array<JsonValue>(value.length);
    const holder = copy as unknown as Record<string, JsonValue>;
    for (let index = 0; index < value.length; index++) copy[index] = revealMember(value[index] as JsonValue, path, String(index), holder, revealing);
    return copy;
  }
  const copy: JsonObject = {};
  for (const key in value) if (Object.hasOwn(value, key)) copy[key] = revealMember(value[key] as JsonValue, path, key, copy, revealing);
  return copy;
}

function revealMember(item: JsonValue, parent: string, key: string, holder: WaitingMember['holder'], revealing: Revealing): JsonValue {
  if (typeof item === 'string') {
    if (!item.startsWith(ENCRYPTED_PREFIX) || !isEncryptedField(item)) return item;
    const path = join(parent, key);
    const plaintext = readableInMemory(revealing, path, item);
    if (plaintext !== undefined) return plaintext;
    revealing.waiting.push({ holder, key, path, value: item });
    return item;
  }
  if (item !== null && typeof item === 'object') return revealIn(item, join(parent, key), revealing);
  return item;
}

/** The plaintext if the key is in memory; a value that does not verify reads {@link UNREADABLE}, any other failure goes on. */
function readableInMemory(revealing: Revealing, path: string, value: string): string | undefined {
  try {
    return revealing.cipher.decryptFieldIfKeyInMemory(revealing.streamId, path, value);
  } catch (error) {
    if (error instanceof TamperedFieldError) return UNREADABLE;
    throw error;
  }
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
