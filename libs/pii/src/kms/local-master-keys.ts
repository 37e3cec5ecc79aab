import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { KeyUnwrapError, UnknownMasterKeyVersionError } from '../errors';
import type { MasterKeyProvider, WrappedDataKey } from './master-key-provider.port';

const MASTER_KEY_BYTES = 32;
const FORMAT = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The name of a master key, derived from the key itself: two different keys can never share a
 * version by an operator's mistake, and the name reveals nothing about the key (HMAC is a PRF).
 */
export function masterKeyVersionOf(masterKey: Buffer): string {
  return `mk-${createHmac('sha256', masterKey).update('frm master key version').digest('base64url').slice(0, 16)}`;
}

/**
 * Master keys held in this process (from settings): AES-256-GCM key wrap, the associated data
 * binding each wrapped key to its context (subject and key id) and to the master key version.
 */
export class LocalMasterKeys implements MasterKeyProvider {
  readonly currentVersion: string;
  readonly versions: readonly string[];
  private readonly keys: ReadonlyMap<string, Buffer>;

  /** @param previous earlier master keys, still accepted to unwrap until rotation re-wraps their keys */
  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    const keys = new Map<string, Buffer>();
    for (const key of [current, ...previous]) {
      if (key.length !== MASTER_KEY_BYTES) throw new RangeError(`A master key has exactly ${MASTER_KEY_BYTES} bytes, not ${key.length}`);
      keys.set(masterKeyVersionOf(key), Buffer.from(key));
    }
    this.keys = keys;
    this.versions = Object.freeze([...keys.keys()]);
    this.currentVersion = this.versions[0] as string;
  }

  async wrap(dataKey: Buffer, context: string): Promise<WrappedDataKey> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentVersion) as Buffer, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(this.currentVersion, context));
    const sealed = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return { masterKeyVersion: this.currentVersion, wrappedKey: Buffer.concat([Buffer.of(FORMAT), iv, sealed, cipher.getAuthTag()]) };
  }

  async unwrap(wrapped: WrappedDataKey, context: string): Promise<Buffer> {
    const masterKey = this.keys.get(wrapped.masterKeyVersion);
    if (!masterKey) throw new UnknownMasterKeyVersionError(wrapped.masterKeyVersion, this.versions);
    const bytes = wrapped.wrappedKey;
    if (bytes.length <= 1 + IV_BYTES + TAG_BYTES || bytes[0] !== FORMAT) throw new KeyUnwrapError(wrapped.masterKeyVersion, context);
    const decipher = createDecipheriv('aes-256-gcm', masterKey, bytes.subarray(1, 1 + IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(wrapped.masterKeyVersion, context));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(bytes.subarray(1 + IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new KeyUnwrapError(wrapped.masterKeyVersion, context);
    }
  }

  // A logged provider must not print its keys.
  toJSON(): object {
    return { currentVersion: this.currentVersion, versions: this.versions };
  }

  [inspect.custom](): string {
    return `LocalMasterKeys(${this.versions.join(', ')})`;
  }
}

function associatedData(masterKeyVersion: string, context: string): Buffer {
  return Buffer.from(JSON.stringify(['frm.master-key.v1', masterKeyVersion, context]), 'utf8');
}
