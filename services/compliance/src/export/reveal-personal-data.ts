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
  return (await reveal(cipher, streamId, data, '')) as JsonObject;
}

async function reveal(cipher: Pick<PiiCipher, 'decryptField'>, streamId: string, value: JsonValue, path: string): Promise<JsonValue> {
  if (typeof value === 'string') {
    if (!isEncryptedField(value)) return value;
    return cipher.decryptField(streamId, path, value).catch((error: unknown) => {
      if (error instanceof TamperedFieldError) return UNREADABLE;
      throw error;
    });
  }
  if (Array.isArray(value)) return Promise.all(value.map((item, index) => reveal(cipher, streamId, item, join(path, String(index)))));
  if (value !== null && typeof value === 'object') {
    const revealed: JsonObject = {};
    for (const [key, item] of Object.entries(value)) revealed[key] = await reveal(cipher, streamId, item, join(path, key));
    return revealed;
  }
  return value;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
