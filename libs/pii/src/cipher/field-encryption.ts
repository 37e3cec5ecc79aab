import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto';
import {
  ENCRYPTED_FIELD_LAYOUT,
  fieldAssociatedData,
  formatEncryptedField,
  type EncryptedFieldParts,
  type FieldBinding,
} from '../format/encrypted-field';

const ALGORITHM = 'aes-256-gcm';

/** AES-256-GCM under the subject's data key, a fresh random 96-bit IV for every field. */
export function encryptWithDataKey(dataKey: Buffer, binding: FieldBinding, plaintext: string): string {
  const iv = randomBytes(ENCRYPTED_FIELD_LAYOUT.ivBytes);
  const cipher = createCipheriv(ALGORITHM, dataKey, iv, { authTagLength: ENCRYPTED_FIELD_LAYOUT.tagBytes });
  cipher.setAAD(fieldAssociatedData(binding));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return formatEncryptedField({ subjectId: binding.subjectId, keyId: binding.keyId, iv, ciphertext, tag: cipher.getAuthTag() });
}

/**
 * @param associatedData the field's binding as {@link fieldAssociatedData} writes it
 * @returns the plaintext, or `undefined` when the tag does not verify (altered or moved)
 */
export function decryptWithDataKey(dataKey: Uint8Array | KeyObject, associatedData: Buffer, parts: EncryptedFieldParts): string | undefined {
  const decipher = createDecipheriv(ALGORITHM, dataKey, parts.iv, { authTagLength: ENCRYPTED_FIELD_LAYOUT.tagBytes });
  decipher.setAAD(associatedData);
  decipher.setAuthTag(parts.tag);
  // Decoded once the tag verifies: an output encoding on update/final costs a string decoder per field.
  let plaintext: Buffer;
  try {
    plaintext = decipher.update(parts.ciphertext);
    decipher.final();
  } catch {
    return undefined;
  }
  return plaintext.toString('utf8');
}
