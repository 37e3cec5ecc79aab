/**
 * An encrypted field that does not verify: its bytes were changed, it was moved to another stream
 * or field, or it is not an encrypted field at all. Never the sign of an erased subject, which
 * reads as {@link ERASED} instead.
 */
export class TamperedFieldError extends Error {
  override readonly name = 'TamperedFieldError';
  constructor(
    readonly streamId: string,
    readonly field: string,
    reason: string,
  ) {
    super(`The encrypted field "${field}" of stream "${streamId}" ${reason}`);
  }
}

/** A subject id that is not a UUID (the JWT `sub` of this platform). */
export class InvalidSubjectIdError extends Error {
  override readonly name = 'InvalidSubjectIdError';
  constructor(subjectId: string) {
    super(`A data subject is named by a UUID (a token's sub); got ${JSON.stringify(subjectId.slice(0, 64))}`);
  }
}

/** A data key wrapped by a master key version this process was not given. */
export class UnknownMasterKeyVersionError extends Error {
  override readonly name = 'UnknownMasterKeyVersionError';
  constructor(
    readonly masterKeyVersion: string,
    known: readonly string[],
  ) {
    super(
      `A data key is wrapped by master key version ${masterKeyVersion}, which is not configured (known: ${known.join(', ')}); ` +
        'add the master key it was made with to FRM_MASTER_KEY_PREVIOUS, then run the master key rotation',
    );
  }
}

/** A wrapped data key that its master key does not open: the key table was altered or damaged. */
export class KeyUnwrapError extends Error {
  override readonly name = 'KeyUnwrapError';
  constructor(masterKeyVersion: string, context: string) {
    super(`The data key for ${context} does not unwrap with master key version ${masterKeyVersion}: the key table was altered or damaged`);
  }
}
