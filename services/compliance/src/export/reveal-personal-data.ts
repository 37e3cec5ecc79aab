import type { JsonObject, JsonValue } from '@frm/event-store';
import { isEncryptedField, TamperedFieldError, type PiiCipher } from '@frm/pii';

/** What an export shows for an encrypted value that does not verify. */
export const UNREADABLE = '[unreadable]';

/**
 * The event's data with every encrypted field (`pii:v1:…`) decrypted, or `[erased]` once its key is
 * gone. The field name bound into each value is its member path in the event's JSON (`title`,
 * `weddingContext.supplierType`, `tags.0`): encrypting services use the same names.
 */
export async function revealPersonalData(cipher: Pick<PiiCipher, 'decryptField'>, streamId: string, data: JsonObject): Promise<JsonObject> {
  // Most members are plaintext: find the encrypted ones first, so only those cost an await.
  const encrypted: Array<{ path: string; value: string }> = [];
  collectEncrypted(data, '', encrypted);
  if (encrypted.length === 0) return data;
  const revealed = new Map<string, string>();
  await Promise.all(
    encrypted.map(async ({ path, value }) => {
      const plaintext = await cipher.decryptField(streamId, path, value).catch((error: unknown) => {
        if (error instanceof TamperedFieldError) return UNREADABLE;
        throw error;
      });
      revealed.set(path, plaintext);
    }),
  );
  return replaceAt(data, '', revealed) as JsonObject;
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
