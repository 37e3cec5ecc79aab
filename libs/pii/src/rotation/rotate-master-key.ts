import { dataKeyContext } from '../cipher/data-key';
import type { KeyRewrap, SubjectKeyStore } from '../keys/subject-key-store.port';
import type { MasterKeyProvider } from '../kms/master-key-provider.port';

export interface RotationProgress {
  /** Keys looked at so far. */
  readonly done: number;
  /** Keys wrapped by another version when the rotation started. */
  readonly total: number;
}

export interface RotationOptions {
  /** Keys re-wrapped per round trip (default 500). */
  readonly batchSize?: number;
  readonly onProgress?: (progress: RotationProgress) => void;
  /** Stops after the batch in hand once aborted; the result then says `interrupted`. */
  readonly signal?: AbortSignal;
}

export interface RotationResult {
  /** The master key version every remaining key is now wrapped by. */
  readonly masterKeyVersion: string;
  readonly rewrapped: number;
  /** Keys erased (or re-wrapped by another rotation) while this one ran. */
  readonly skipped: number;
  /** Stopped by `signal` with keys left to re-wrap: run it again to finish. */
  readonly interrupted: boolean;
}

/**
 * Re-wraps every data key wrapped by an older master key version under the current one. Data
 * keys, and so every encrypted field in every event, stay as they are. Safe to run again after an
 * interruption (it takes up the keys not yet re-wrapped) and beside erasures (an erased key stays erased).
 * @throws UnknownMasterKeyVersionError when a key's master key version is not configured
 */
export async function rotateMasterKey(
  keys: SubjectKeyStore,
  kms: MasterKeyProvider,
  options: RotationOptions = {},
): Promise<RotationResult> {
  const target = kms.currentVersion;
  const batchSize = options.batchSize ?? 500;
  await keys.recordMasterKeyVersion(target);
  const counts = await keys.countByMasterKeyVersion();
  const total = [...counts].reduce((sum, [version, count]) => (version === target ? sum : sum + count), 0);
  let done = 0;
  let rewrapped = 0;
  let after: string | undefined;
  options.onProgress?.({ done, total });
  for (;;) {
    const page = await keys.list({ notWrappedBy: target, after, limit: batchSize });
    if (page.length === 0) break;
    if (options.signal?.aborted) return { masterKeyVersion: target, rewrapped, skipped: done - rewrapped, interrupted: true };
    const rewraps = await Promise.all(
      page.map(async (key): Promise<KeyRewrap> => {
        const context = dataKeyContext(key.subjectId, key.keyId);
        const dataKey = await kms.unwrap({ masterKeyVersion: key.masterKeyVersion, wrappedKey: key.wrappedKey }, context);
        const wrapped = await kms.wrap(dataKey, context);
        return {
          subjectId: key.subjectId,
          keyId: key.keyId,
          fromVersion: key.masterKeyVersion,
          toVersion: wrapped.masterKeyVersion,
          wrappedKey: wrapped.wrappedKey,
        };
      }),
    );
    rewrapped += (await keys.rewrap(rewraps)).length;
    done += page.length;
    after = page[page.length - 1]?.subjectId;
    options.onProgress?.({ done, total: Math.max(total, done) });
  }
  return { masterKeyVersion: target, rewrapped, skipped: done - rewrapped, interrupted: false };
}
