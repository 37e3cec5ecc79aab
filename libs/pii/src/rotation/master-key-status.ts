import type { SubjectKeyStore } from '../keys/subject-key-store.port';
import type { MasterKeyProvider } from '../kms/master-key-provider.port';

export interface MasterKeyStatus {
  readonly currentVersion: string;
  /** When the provider made the current master key, else when the key table first saw it in use. */
  readonly createdAt: Date;
  readonly ageSeconds: number;
  /** Data keys by the master key version that wraps them: all under the current one after a rotation. */
  readonly keysByVersion: ReadonlyMap<string, number>;
}

/** The current master key's age and how many data keys each version wraps, for metrics and `frm`. */
export async function masterKeyStatus(keys: SubjectKeyStore, kms: MasterKeyProvider, now: Date = new Date()): Promise<MasterKeyStatus> {
  const currentVersion = kms.currentVersion;
  const createdAt = (await kms.createdAt?.(currentVersion)) ?? (await keys.recordMasterKeyVersion(currentVersion));
  return {
    currentVersion,
    createdAt,
    ageSeconds: Math.max(0, Math.floor((now.getTime() - createdAt.getTime()) / 1000)),
    keysByVersion: await keys.countByMasterKeyVersion(),
  };
}
