import { inspect } from 'node:util';
import type { MasterKeyProvider } from '../kms/master-key-provider.port';
import type { SubjectKey } from '../keys/subject-key-store.port';

/** A subject's unwrapped data key; it prints as its id only, so a logged object cannot leak it. */
export class DataKey {
  constructor(
    readonly subjectId: string,
    readonly keyId: string,
    readonly material: Buffer,
  ) {}

  toJSON(): object {
    return { subjectId: this.subjectId, keyId: this.keyId };
  }

  [inspect.custom](): string {
    return `DataKey(${this.subjectId}/${this.keyId})`;
  }
}

/** What a wrapped data key is bound to: its subject and key id (the provider adds the master key version). */
export function dataKeyContext(subjectId: string, keyId: string): string {
  return JSON.stringify(['frm.pii.data-key.v1', subjectId, keyId]);
}

export async function unwrapSubjectKey(kms: MasterKeyProvider, key: SubjectKey): Promise<DataKey> {
  const wrapped = { masterKeyVersion: key.masterKeyVersion, wrappedKey: key.wrappedKey };
  return new DataKey(key.subjectId, key.keyId, await kms.unwrap(wrapped, dataKeyContext(key.subjectId, key.keyId)));
}
