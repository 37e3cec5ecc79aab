import { randomBytes } from 'node:crypto';
import { TamperedFieldError } from '../errors';
import { parseEncryptedField, subjectOfEncryptedField } from '../format/encrypted-field';
import { ERASED } from '../format/erased';
import { canonicalSubjectId } from '../format/subject-id';
import type { SubjectKey, SubjectKeyStore } from '../keys/subject-key-store.port';
import type { MasterKeyProvider } from '../kms/master-key-provider.port';
import { BoundedTtlCache } from './bounded-ttl-cache';
import { DataKey, dataKeyContext, unwrapSubjectKey } from './data-key';
import { decryptFieldsWith, type DataKeyMaterial, type EncryptedMember } from './decrypt-fields';
import { decryptWithDataKey, encryptWithDataKey } from './field-encryption';
import { RecentAssociatedData } from './recent-associated-data';

const DATA_KEY_BYTES = 32;
const KEY_ID_BYTES = 6;

export interface PiiCipherOptions {
  /** How many unwrapped data keys stay in memory (default 10 000). */
  readonly cacheSize?: number;
  /**
   * How long an unwrapped key is used without asking the key table again (default 30 s): the
   * longest this process may still read a subject erased elsewhere, unless told with `forget`.
   */
  readonly cacheTtlMs?: number;
  readonly now?: () => number;
}

/**
 * Encrypts and decrypts personal data field by field with each subject's data key (envelope
 * encryption: the data keys are kept wrapped by the master key in a {@link SubjectKeyStore}).
 * Unwrapped keys are cached briefly, and concurrent look-ups of one subject share a round trip.
 */
export class PiiCipher {
  private readonly keys: BoundedTtlCache<string, DataKey>;
  /** `subject/keyId` of keys known to be gone: an erased key id never comes back. */
  private readonly erased: BoundedTtlCache<string, true>;
  private readonly loading = new Map<string, Promise<DataKey | undefined>>();
  private readonly associatedData = new RecentAssociatedData();
  private forgets = 0;

  constructor(
    private readonly store: SubjectKeyStore,
    private readonly kms: MasterKeyProvider,
    options: PiiCipherOptions = {},
  ) {
    const now = options.now ?? Date.now;
    this.keys = new BoundedTtlCache(options.cacheSize ?? 10_000, options.cacheTtlMs ?? 30_000, now);
    this.erased = new BoundedTtlCache(options.cacheSize ?? 10_000, options.cacheTtlMs ?? 30_000, now);
  }

  /**
   * Encrypts one field the subject wrote or that identifies them, bound to its stream and field
   * name; makes the subject's data key on first use.
   * @returns `pii:v1:<subject>:<keyId>:<base64url(iv | ciphertext | tag)>`
   * @throws InvalidSubjectIdError when `subjectId` is not a UUID
   */
  async encryptField(subjectId: string, streamId: string, field: string, plaintext: string): Promise<string> {
    const subject = canonicalSubjectId(subjectId);
    const key = (await this.currentKey(subject)) ?? (await this.createKey(subject));
    return encryptWithDataKey(key.material, { subjectId: subject, keyId: key.keyId, streamId, field }, plaintext);
  }

  /**
   * Decrypts a field made by {@link encryptField} for the same stream and field name.
   * @returns the plaintext, or {@link ERASED} when the subject's key has been deleted
   * @throws TamperedFieldError when the value was altered, moved, or is not an encrypted field
   */
  async decryptField(streamId: string, field: string, value: string): Promise<string> {
    const parts = parseEncryptedField(value);
    if (!parts) throw new TamperedFieldError(streamId, field, 'is not an encrypted field (pii:v1:<subject>:<key id>:<data>)');
    const key = await this.keyFor(parts.subjectId, parts.keyId);
    if (!key) return ERASED;
    const plaintext = decryptWithDataKey(key.material, this.associatedData.of({ subjectId: parts.subjectId, keyId: parts.keyId, streamId, field }), parts);
    if (plaintext === undefined) {
      throw new TamperedFieldError(streamId, field, 'does not verify: it was altered, or moved from another stream or field');
    }
    return plaintext;
  }

  /**
   * {@link decryptField} without waiting, for a key already in memory (after {@link warm}): the
   * plaintext, {@link ERASED} for a key known to be gone, or `undefined` when the key must be
   * loaded first — then call {@link decryptField}. Decrypting thousands of fields (an export, a
   * page of events) is several times cheaper this way than through a promise per field.
   * @throws TamperedFieldError as decryptField does
   */
  decryptFieldIfKeyInMemory(streamId: string, field: string, value: string): string | undefined {
    const parts = parseEncryptedField(value);
    if (!parts) throw new TamperedFieldError(streamId, field, 'is not an encrypted field (pii:v1:<subject>:<key id>:<data>)');
    if (this.erased.size > 0 && this.erased.get(`${parts.subjectId}/${parts.keyId}`)) return ERASED;
    const key = this.keys.get(parts.subjectId);
    if (key?.keyId !== parts.keyId) return undefined;
    const plaintext = decryptWithDataKey(key.material, this.associatedData.of({ subjectId: parts.subjectId, keyId: parts.keyId, streamId, field }), parts);
    if (plaintext === undefined) {
      throw new TamperedFieldError(streamId, field, 'does not verify: it was altered, or moved from another stream or field');
    }
    return plaintext;
  }

  /**
   * {@link decryptField} for many fields of one stream: those whose key is in memory (after
   * {@link warm}) at once, the others then waiting for their key.
   * @returns per field its plaintext (or {@link ERASED}), or the TamperedFieldError decryptField would throw
   */
  async decryptFields(streamId: string, members: readonly EncryptedMember[]): Promise<(string | TamperedFieldError)[]> {
    const decrypted = decryptFieldsWith(this.keysInMemoryFor(members), streamId, members);
    const results: (string | TamperedFieldError)[] = new Array(members.length);
    for (let index = 0; index < members.length; index++) {
      const outcome = decrypted[index];
      if (typeof outcome === 'string') results[index] = outcome;
      else results[index] = await this.decryptFieldOrTampered(streamId, members[index] as EncryptedMember);
    }
    return results;
  }

  /** Loads the keys of many subjects in one round trip, before a batch that needs them. */
  async warm(subjectIds: readonly string[]): Promise<void> {
    const missing = [...new Set(subjectIds.map(canonicalSubjectId))].filter((subject) => !this.keys.get(subject));
    if (missing.length === 0) return;
    const forgets = this.forgets;
    const stored = await this.store.findMany(missing);
    await Promise.all(stored.map((key) => this.remember(key, forgets)));
  }

  /** Drops the subject's key from memory: call it when a subject is erased, here or elsewhere. */
  forget(subjectId: string): void {
    const subject = subjectId.toLowerCase();
    this.keys.delete(subject);
    this.loading.delete(subject);
    this.forgets++;
  }

  /**
   * Crypto-shreds the subject: deletes their key from the store and from memory. Idempotent.
   * @returns whether there was a key, for the erasure ledger
   */
  async erase(subjectId: string): Promise<boolean> {
    const subject = canonicalSubjectId(subjectId);
    this.forget(subject);
    const existed = await this.store.delete(subject);
    // A look-up that raced the delete must not leave the key behind.
    this.forget(subject);
    return existed;
  }

  /**
   * The subjects' data keys that are in memory (after {@link warm}), as plain bytes for
   * {@link decryptFieldsWith} on a worker thread of this process. Hand them to nothing else: not
   * a log, not a store, not another process; a batch that outlives the key's erasure is the
   * caller's to avoid.
   */
  dataKeysInMemory(subjectIds: Iterable<string>): DataKeyMaterial[] {
    const keys: DataKeyMaterial[] = [];
    for (const subject of new Set([...subjectIds].map((id) => id.toLowerCase()))) {
      const key = this.keys.get(subject);
      // A copy of its own: a pooled Buffer would take its whole pool slab along to a thread.
      if (key) keys.push({ subjectId: key.subjectId, keyId: key.keyId, material: new Uint8Array(key.material) });
    }
    return keys;
  }

  private keysInMemoryFor(members: readonly EncryptedMember[]): DataKeyMaterial[] {
    return this.dataKeysInMemory(members.flatMap(({ value }) => subjectOfEncryptedField(value) ?? []));
  }

  /** A field not decrypted at once: its key is still to load or gone, or it does not verify (then it says why). */
  private async decryptFieldOrTampered(streamId: string, member: EncryptedMember): Promise<string | TamperedFieldError> {
    try {
      return await this.decryptField(streamId, member.field, member.value);
    } catch (error) {
      if (error instanceof TamperedFieldError) return error;
      throw error;
    }
  }

  private async keyFor(subject: string, keyId: string): Promise<DataKey | undefined> {
    const gone = `${subject}/${keyId}`;
    if (this.erased.get(gone)) return undefined;
    let key = await this.currentKey(subject);
    // A cached key of another id may predate an erasure and a new key made since.
    if (key && key.keyId !== keyId) key = await this.currentKey(subject, { fresh: true });
    if (key?.keyId === keyId) return key;
    this.erased.set(gone, true);
    return undefined;
  }

  private currentKey(subject: string, options: { fresh?: boolean } = {}): Promise<DataKey | undefined> {
    const cached = options.fresh ? undefined : this.keys.get(subject);
    if (cached) return Promise.resolve(cached);
    const pending = options.fresh ? undefined : this.loading.get(subject);
    if (pending) return pending;
    const forgets = this.forgets;
    const load: Promise<DataKey | undefined> = this.store
      .find(subject)
      .then((stored) => stored && this.remember(stored, forgets))
      .finally(() => {
        if (this.loading.get(subject) === load) this.loading.delete(subject);
      });
    this.loading.set(subject, load);
    return load;
  }

  private async createKey(subject: string): Promise<DataKey> {
    const keyId = randomBytes(KEY_ID_BYTES).toString('base64url');
    const material = randomBytes(DATA_KEY_BYTES);
    const wrapped = await this.kms.wrap(material, dataKeyContext(subject, keyId));
    const forgets = this.forgets;
    const stored = await this.store.getOrCreate({ subjectId: subject, keyId, ...wrapped });
    // Another writer made the subject's key first: use theirs, so that the subject keeps one key.
    if (stored.keyId !== keyId) return this.remember(stored, forgets);
    return this.cache(new DataKey(subject, keyId, material), forgets);
  }

  private async remember(stored: SubjectKey, forgets: number): Promise<DataKey> {
    return this.cache(await unwrapSubjectKey(this.kms, stored), forgets);
  }

  /** Caches only if no subject was forgotten meanwhile, which could have been this one. */
  private cache(key: DataKey, forgets: number): DataKey {
    if (forgets === this.forgets) this.keys.set(key.subjectId, key);
    return key;
  }
}
