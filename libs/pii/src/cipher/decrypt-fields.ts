import { createSecretKey, type KeyObject } from 'node:crypto';
import { parseEncryptedField } from '../format/encrypted-field';
import { decryptWithDataKey } from './field-encryption';
import { RecentAssociatedData } from './recent-associated-data';

/** An encrypted value and the field name it is bound to. */
export interface EncryptedMember {
  readonly field: string;
  readonly value: string;
}

/** A subject's data key as a batch carries it (to a thread: plain bytes, no class). */
export interface DataKeyMaterial {
  readonly subjectId: string;
  readonly keyId: string;
  readonly material: Uint8Array;
}

/** Per field: its plaintext, `null` when its key is not among those given, `false` when it does not verify or is not an encrypted field. */
export type FieldDecryption = string | null | false;

/**
 * Decrypts fields of one stream with the keys given, and nothing else: no look-ups, no promises,
 * so that it runs the same on the service's thread and on a decryption thread.
 */
export function decryptFieldsWith(keys: readonly DataKeyMaterial[], streamId: string, members: readonly EncryptedMember[]): FieldDecryption[] {
  // A KeyObject is checked and copied once; a Buffer key is prepared again by every createDecipheriv.
  const keyObjects = new Map<string, KeyObject>(keys.map((key) => [`${key.subjectId}/${key.keyId}`, createSecretKey(key.material)]));
  const associatedData = new RecentAssociatedData();
  return members.map(({ field, value }) => {
    const parts = parseEncryptedField(value);
    if (!parts) return false;
    const key = keyObjects.get(`${parts.subjectId}/${parts.keyId}`);
    if (!key) return null;
    return decryptWithDataKey(key, associatedData.of({ subjectId: parts.subjectId, keyId: parts.keyId, streamId, field }), parts) ?? false;
  });
}
