import type { JsonObject, JsonValue } from '@frm/event-store';
import { isEncryptedField, TamperedFieldError, type PiiCipher } from '@frm/pii';

/** What an export shows for an encrypted value that does not verify. */
export const UNREADABLE = '[unreadable]';

/**
 * The event's data with every encrypted field (`pii:v1:…`) decrypted, or `[erased]` once its key is
 * gone. The field name bound into each value is its member path in the event's JSON (`title`,
 * `weddingContext.supplierType`, `tags.0`): encrypting services use the same names.
 */
export async function revealPersonalData(cipher: RevealingCipher, streamId: string, data: JsonObject): Promise<JsonObject> {
  // Most members are plaintext: find the encrypted ones first, and decrypt those without a
  // promise each while their keys are in memory.
  const encrypted: Array<{ path: string; value: string }> = [];
  collectEncrypted(data, '', encrypted);
  if (encrypted.length === 0) return data;
  const revealed = new Map<string, string>();
  const unread: Array<{ path: string; value: string }> = [];
  for (const member of encrypted) {
    const plaintext = readable(() => cipher.decryptFieldIfKeyInMemory(streamId, member.path, member.value));
    if (plaintext === undefined) unread.push(member);
    else revealed.set(member.path, plaintext);
  }
  for (const { path, value } of unread) {
    try {
      revealed.set(path, await cipher.decryptField(streamId, path, value));
    } catch (error) {
      if (!(error instanceof TamperedFieldError)) throw error;
      revealed.set(path, UNREADABLE);
    }
  }
  return replaceAt(data, '', revealed) as JsonObject;
}

/** What the export needs of the cipher. */
export type RevealingCipher = Pick<PiiCipher, 'decryptField' | 'decryptFieldIfKeyInMemory'>;

/** A value that does not verify reads {@link UNREADABLE}; any other failure goes on. */
function readable(decrypt: () => string | undefined): string | undefined {
  try {
    return decrypt();
  } catch (error) {
    if (error instanceof TamperedFieldError) return UNREADABLE;
    throw error;
  }
}

function collectEncrypted(value: JsonValue, path: string, into: Array<{ path: string; value: string }>): void {
  if (typeof value === 'string') {
    if (isEncryptedField(value)) into.push({ path, value });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => collectEncrypted(item, join(path, String(index)), into));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) collectEncrypted(item, join(path, key), into);
  }
}

function replaceAt(value: JsonValue, path: string, revealed: ReadonlyMap<string, string>): JsonValue {
  if (typeof value === 'string') return revealed.get(path) ?? value;
  if (Array.isArray(value)) return value.map((item, index) => replaceAt(item, join(path, String(index)), revealed));
  if (value !== null && typeof value === 'object') {
    const copy: JsonObject = {};
    for (const [key, item] of Object.entries(value)) copy[key] = replaceAt(item, join(path, key), revealed);
    return copy;
  }
  return value;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
