/** A data key as the key table keeps it: wrapped, and named by the master key version that wrapped it. */
export interface WrappedDataKey {
  readonly masterKeyVersion: string;
  readonly wrappedKey: Buffer;
}

/**
 * The key-management port: wraps data keys under a master key that never leaves it. The local
 * adapter holds master keys from settings; a cloud KMS or an HSM would implement the same port,
 * passing `context` as its encryption context / associated data.
 */
export interface MasterKeyProvider {
  /** The version that {@link wrap} uses. */
  readonly currentVersion: string;
  /** Every version that {@link unwrap} accepts, the current one first. */
  readonly versions: readonly string[];
  /** Wraps under the current version; `context` must be given again to unwrap. */
  wrap(dataKey: Buffer, context: string): Promise<WrappedDataKey>;
  /**
   * @throws UnknownMasterKeyVersionError when the version is not configured
   * @throws KeyUnwrapError when the wrapped key or its context was altered
   */
  unwrap(wrapped: WrappedDataKey, context: string): Promise<Buffer>;
  /** When a version was made, if the provider knows (a cloud KMS does; settings do not). */
  createdAt?(version: string): Promise<Date | undefined>;
}
