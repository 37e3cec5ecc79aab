/** An import was refused before anything was written: the target store already holds events. */
export class TargetNotEmptyError extends Error {
  override readonly name = 'TargetNotEmptyError';
  constructor(readonly target: string) {
    super(
      `The target event store ${target} already holds events; import into an empty store (a new schema or database), ` +
        `or pass force to add only the events whose ids it lacks (to finish an interrupted restore)`,
    );
  }
}

/** An imported event would take a stream revision that a different event already holds. */
export class ImportConflictError extends Error {
  override readonly name = 'ImportConflictError';
  constructor(
    readonly target: string,
    readonly detail: string,
    override readonly cause?: unknown,
  ) {
    super(
      `Importing into ${target} failed: ${detail}. The target holds a different history than the events imported; ` +
        `import into an empty store instead`,
    );
  }
}
