/** One data subject's data key, wrapped, as the compliance service's key table keeps it. */
export interface SubjectKey {
  readonly subjectId: string;
  /** Random per key, so that a key made after an erasure never opens what the erased one sealed. */
  readonly keyId: string;
  readonly wrappedKey: Buffer;
  readonly masterKeyVersion: string;
  readonly createdAt: Date;
  /** When a master key rotation last re-wrapped it. */
  readonly rotatedAt: Date | undefined;
}

export type NewSubjectKey = Pick<SubjectKey, 'subjectId' | 'keyId' | 'wrappedKey' | 'masterKeyVersion'>;

/** A key re-wrapped under another master key version; applied only if it is still wrapped by `fromVersion`. */
export interface KeyRewrap {
  readonly subjectId: string;
  readonly keyId: string;
  readonly fromVersion: string;
  readonly toVersion: string;
  readonly wrappedKey: Buffer;
}

export interface SubjectKeyPage {
  /** Only keys wrapped by another master key version than this one. */
  readonly notWrappedBy?: string;
  /** Only subjects after this one, in subject id order (keyset paging). */
  readonly after?: string;
  readonly limit: number;
}

/**
 * The key table: wrapped data keys by subject. Wrapped keys live here only: never in events,
 * never on Kafka. Deleting a subject's key is the crypto-shredding of everything it encrypted.
 */
export interface SubjectKeyStore {
  find(subjectId: string): Promise<SubjectKey | undefined>;
  /** The keys that exist among `subjectIds`, in one round trip. */
  findMany(subjectIds: readonly string[]): Promise<SubjectKey[]>;
  /** Stores `candidate` unless the subject already has a key; either way returns the one key it has. */
  getOrCreate(candidate: NewSubjectKey): Promise<SubjectKey>;
  /**
   * Deletes the subject's key; idempotent.
   * @returns whether there was a key to delete, for the erasure ledger
   */
  delete(subjectId: string): Promise<boolean>;
  list(page: SubjectKeyPage): Promise<SubjectKey[]>;
  /**
   * Applies each re-wrap whose key is still there, with the same key id and wrapped by its
   * `fromVersion`: a key erased meanwhile stays erased.
   * @returns the subjects whose key was re-wrapped
   */
  rewrap(rewraps: readonly KeyRewrap[]): Promise<string[]>;
  countByMasterKeyVersion(): Promise<ReadonlyMap<string, number>>;
  /**
   * Notes that a master key version is in use.
   * @returns when it was first noted, the closest thing to its creation a settings key has
   */
  recordMasterKeyVersion(version: string): Promise<Date>;
}
