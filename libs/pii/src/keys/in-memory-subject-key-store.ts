import type { KeyRewrap, NewSubjectKey, SubjectKey, SubjectKeyPage, SubjectKeyStore } from './subject-key-store.port';

/** The key table in memory, for unit tests. */
export class InMemorySubjectKeyStore implements SubjectKeyStore {
  private readonly keys = new Map<string, SubjectKey>();
  private readonly masterKeyVersions = new Map<string, Date>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  async find(subjectId: string): Promise<SubjectKey | undefined> {
    return this.keys.get(subjectId);
  }

  async findMany(subjectIds: readonly string[]): Promise<SubjectKey[]> {
    return [...new Set(subjectIds)].flatMap((subjectId) => this.keys.get(subjectId) ?? []);
  }

  async getOrCreate(candidate: NewSubjectKey): Promise<SubjectKey> {
    const existing = this.keys.get(candidate.subjectId);
    if (existing) return existing;
    const key: SubjectKey = { ...candidate, wrappedKey: Buffer.from(candidate.wrappedKey), createdAt: this.now(), rotatedAt: undefined };
    this.keys.set(key.subjectId, key);
    return key;
  }

  async delete(subjectId: string): Promise<boolean> {
    return this.keys.delete(subjectId);
  }

  async list(page: SubjectKeyPage): Promise<SubjectKey[]> {
    return [...this.keys.values()]
      .filter((key) => key.subjectId > (page.after ?? '') && key.masterKeyVersion !== page.notWrappedBy)
      .sort((a, b) => (a.subjectId < b.subjectId ? -1 : 1))
      .slice(0, page.limit);
  }

  async rewrap(rewraps: readonly KeyRewrap[]): Promise<string[]> {
    const done: string[] = [];
    for (const rewrap of rewraps) {
      const key = this.keys.get(rewrap.subjectId);
      if (key?.keyId !== rewrap.keyId || key.masterKeyVersion !== rewrap.fromVersion) continue;
      const wrappedKey = Buffer.from(rewrap.wrappedKey);
      this.keys.set(key.subjectId, { ...key, wrappedKey, masterKeyVersion: rewrap.toVersion, rotatedAt: this.now() });
      done.push(key.subjectId);
    }
    return done;
  }

  async countByMasterKeyVersion(): Promise<ReadonlyMap<string, number>> {
    const counts = new Map<string, number>();
    for (const key of this.keys.values()) counts.set(key.masterKeyVersion, (counts.get(key.masterKeyVersion) ?? 0) + 1);
    return counts;
  }

  async recordMasterKeyVersion(version: string): Promise<Date> {
    const first = this.masterKeyVersions.get(version) ?? this.now();
    this.masterKeyVersions.set(version, first);
    return first;
  }
}
